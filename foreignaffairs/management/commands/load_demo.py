from django.core.management.base import BaseCommand

from foreignaffairs.devdata.demo import load_demo


class Command(BaseCommand):
    help = (
        "Load the demo data (the facts of the two source articles). Safe to run again: it creates only the demo "
        "records that are missing and changes nothing that exists, so staff edits to the demo records are kept."
    )

    def handle(self, *args: str, **options: object) -> None:
        counts = load_demo()
        self.stdout.write(", ".join(f"{name}: {count}" for name, count in counts.items()))
