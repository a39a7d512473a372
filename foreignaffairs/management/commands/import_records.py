import time
from argparse import ArgumentParser
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from foreignaffairs.imports.apply import apply_plan
from foreignaffairs.imports.kinds import all_kinds
from foreignaffairs.imports.preview import CREATE, UPDATE, build_plan, plan_lines
from foreignaffairs.imports.workbook import RefusedFile, check_size, read_table


class Command(BaseCommand):
    help = (
        "Import records of one kind from an .xlsx or UTF-8 .csv file (the first bulk load): prints the same preview "
        "as the admin's import page, then writes every row it would create or update in one transaction. "
        "--dry-run prints the preview and writes nothing."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("kind", help=f"what the file holds: {', '.join(sorted(all_kinds()))}")
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="print the preview, write nothing")
        parser.add_argument("--user", help="the user name the audit trail records as having imported the rows")

    def handle(self, *args: str, kind: str, file: Path, dry_run: bool, user: str | None, **options: object) -> None:
        kinds = all_kinds()
        if kind not in kinds:
            raise CommandError(
                _("Không có loại “%(kind)s”. Các loại: %(kinds)s.") % {"kind": kind, "kinds": ", ".join(sorted(kinds))}
            )
        importer = None
        if user:
            importer = get_user_model().objects.filter(username=user).first()
            if importer is None:
                raise CommandError(_("Không có người dùng “%(user)s”.") % {"user": user})
        try:
            check_size(file.name, file.stat().st_size)
            started = time.perf_counter()
            plan = build_plan(kinds[kind], read_table(file.name, file.read_bytes()), file.name)
        except OSError as error:
            raise CommandError(_("Không đọc được tệp %(name)s: %(error)s") % {"name": file, "error": error}) from error
        except RefusedFile as refusal:
            raise CommandError(refusal.message) from refusal
        previewed = time.perf_counter() - started
        for line in plan_lines(plan):
            self.stdout.write(line)
        self.stderr.write(f"preview: {previewed:.2f} s")
        if dry_run or not plan.writes:
            self.stdout.write(_("Chưa ghi gì (--dry-run).") if dry_run else _("Không có gì để ghi."))
            return
        started = time.perf_counter()
        written = apply_plan(plan, importer)
        self.stderr.write(f"import: {time.perf_counter() - started:.2f} s")
        self.stdout.write(
            _("Đã nhập: %(created)s tạo mới, %(updated)s cập nhật.")
            % {"created": written[CREATE], "updated": written[UPDATE]}
        )
