"""The daily reminder digest: one email per responsible officer, on the agreements, reviews, delegations and
follow-ups that need them (`digest`, its text in templates/reminders/digest.txt; sent by
`manage.py send_reminders`).

Composition: it reads agreements and delegations alike. Only the command and tests import it.
"""
