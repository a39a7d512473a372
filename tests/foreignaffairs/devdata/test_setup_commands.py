"""What setting the project up relies on: migrations in step with the models, system checks, `make run`."""

import shutil
import subprocess
from io import StringIO

from django.core.management import call_command


def test_it_has_migrations_in_step_with_the_models(db):
    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())


def test_it_passes_the_system_checks(db):
    call_command("check", stdout=StringIO())


def test_it_prints_both_addresses_before_make_run_serves(settings):
    # `make -n` lists the recipe without running it: what `make run` prints, in the order it prints it.
    recipe = subprocess.run(  # noqa: S603 (our own Makefile, listed, not run)
        [shutil.which("make"), "--no-print-directory", "-n", "run", "PORT=8123"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    serve = next(i for i, line in enumerate(recipe) if "runserver 127.0.0.1:8123" in line)
    printed = "\n".join(line for line in recipe[:serve] if line.startswith("echo "))
    assert "http://127.0.0.1:8123/admin/" in printed
    assert "http://127.0.0.1:8123/dashboard/" in printed
    assert any("create_demo_accounts" in line for line in recipe[:serve])
