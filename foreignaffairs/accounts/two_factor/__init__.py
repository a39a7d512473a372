"""The second factor at login: a code from an authenticator app (TOTP), or one of ten backup codes, through django-otp.

`policy` (who must give one, the middleware that asks for it before any page, the reset by an administrator),
`forms` (the code and enrolment forms), `views` and `urls` (enrol, enter a code, backup codes, the person's own
page; under /accounts/two-factor/). Reviewers, administrators and superusers must; editors and viewers may enrol,
and once they have, they are asked too. The admin site (foreignaffairs.admin.site) refuses whoever still owes a
code, and offers the reset on a user's page.

Part of the accounts kit: imports no app.
"""
