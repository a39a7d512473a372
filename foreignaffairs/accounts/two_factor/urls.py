"""/accounts/two-factor/…: the person's own page, the code page, enrolment and the backup codes."""

from django.urls import path

from foreignaffairs.accounts.two_factor import views

app_name = "two_factor"

urlpatterns = [
    path("", views.manage, name="manage"),
    path("code/", views.verify, name="verify"),
    path("enrol/", views.enrol, name="enrol"),
    path("backup-codes/", views.backup_codes, name="backup-codes"),
]
