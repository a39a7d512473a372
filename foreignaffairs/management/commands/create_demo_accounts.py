import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from foreignaffairs.roles import ROLES, STAFF_ROLES


class Command(BaseCommand):
    help = "Create one demo account per role (viewer, editor, reviewer, administrator) and print their password."

    def handle(self, *args, **options):
        # One generated password for the demo accounts, kept in var/ so a second run prints the same one.
        password_file = Path(settings.VAR_DIR) / "demo-password.txt"
        if password_file.exists():
            password = password_file.read_text().strip()
        else:
            password = secrets.token_urlsafe(12)
            password_file.parent.mkdir(parents=True, exist_ok=True)
            password_file.write_text(password + "\n")
            password_file.chmod(0o600)

        User = get_user_model()
        for role in ROLES:
            user, _created = User.objects.get_or_create(username=role)
            user.is_staff = role in STAFF_ROLES
            user.set_password(password)
            user.save()
            user.groups.set([Group.objects.get(name=role)])

        self.stdout.write("Demo accounts (tài khoản dùng thử): " + ", ".join(ROLES))
        self.stdout.write(f"Password (mật khẩu): {password}")
