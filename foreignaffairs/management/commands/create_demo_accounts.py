import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from foreignaffairs.accounts.roles import ADMINISTRATOR, EDITOR, REVIEWER, ROLES, STAFF_ROLES, VIEWER

# What each demo account is for, in both languages: `make run` prints it to whoever starts the system first.
ROLE_SUMMARIES = {
    VIEWER: "chỉ xem bảng tổng hợp, không vào trang quản trị (reads /dashboard/ only)",
    EDITOR: "nhập, sửa hồ sơ trong trang quản trị (adds and edits records in /admin/)",
    REVIEWER: "quyền như editor, thêm phê duyệt báo cáo rà soát (an editor who approves reviews in /admin/)",
    ADMINISTRATOR: "quản trị người dùng, khóa API, xóa và khôi phục bản ghi (users, API keys, deletions)",
}


class Command(BaseCommand):
    help = (
        "Create one demo account per role (viewer, editor, reviewer, administrator) and print their password, "
        "which is kept in var/demo-password.txt. Run again, it creates only the accounts that are missing: an "
        "existing account keeps its password, groups and staff flag, whoever changed them. Only when the "
        "password file is new (first run, or var/ removed) are existing demo accounts given the new password "
        "and their role again, so that the password printed is the one that logs in."
    )

    def handle(self, *args: str, **options: object) -> None:
        password_file = Path(settings.VAR_DIR) / "demo-password.txt"
        new_password = not password_file.exists()
        if new_password:
            password = secrets.token_urlsafe(12)
            password_file.parent.mkdir(parents=True, exist_ok=True)
            password_file.write_text(password + "\n")
            password_file.chmod(0o600)
        else:
            password = password_file.read_text().strip()

        User = get_user_model()
        kept = False
        for role in ROLES:
            user, created = User.objects.get_or_create(username=role)
            if not (created or new_password):
                kept = True
                continue
            user.is_staff = role in STAFF_ROLES
            user.set_password(password)
            user.save()
            user.groups.set([Group.objects.get(name=role)])

        width = max(map(len, ROLES))
        self.stdout.write("Demo accounts (tài khoản dùng thử):")
        for role in ROLES:
            self.stdout.write(f"  {role:<{width}}  {ROLE_SUMMARIES[role]}")
        self.stdout.write(f"Password (mật khẩu): {password}")
        self.stdout.write(
            f"Lần đăng nhập đầu, {REVIEWER} và {ADMINISTRATOR} đăng ký ứng dụng xác thực trên điện thoại "
            "(reviewer and administrator enrol an authenticator app at their first login: a second factor)."
        )
        if kept:
            self.stdout.write(
                "Tài khoản đã có từ trước được giữ nguyên mật khẩu và vai trò "
                "(existing accounts keep their password and role)."
            )
