"""Password reset that cannot be turned into a mail cannon: a few mails an hour per address, and per client.

Django's reset view sends a mail for every request naming an account's address. Unlimited, anyone can fill a
colleague's mailbox (and get the department's mail server listed as a spammer). The limits are counted in the shared
cache (`throttle`), per e-mail address (PASSWORD_RESET_MAILS_PER_ADDRESS) and per client address
(PASSWORD_RESET_REQUESTS_PER_CLIENT), each within PASSWORD_RESET_WINDOW seconds.

Beyond a limit no mail is sent and the answer is the very same redirect to the same "check your mail" page: it
must not tell a throttled request from one that sent a mail, nor an address with an account from one without
(Django already answers those two alike).
"""

import logging

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.views import PasswordResetView
from django.http import HttpResponse, HttpResponseRedirect
from django.utils import timezone

from foreignaffairs.accounts.client_address import client_ip
from foreignaffairs.accounts.throttle import within_limit

logger = logging.getLogger("foreignaffairs.security")


class ThrottledPasswordResetView(PasswordResetView):
    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        address = client_ip(self.request) or "-"
        window = settings.PASSWORD_RESET_WINDOW
        # Both counters count every request, so that neither limit can be spent while the other one refuses.
        for_mailbox = within_limit(
            "password-reset-mailbox",
            form.cleaned_data["email"].strip().casefold(),
            settings.PASSWORD_RESET_MAILS_PER_ADDRESS,
            window,
        )
        for_client = within_limit("password-reset-client", address, settings.PASSWORD_RESET_REQUESTS_PER_CLIENT, window)
        if for_mailbox and for_client:
            return super().form_valid(form)
        logger.warning(
            "password-reset-throttled limit=%s address=%s at=%s",
            "mailbox" if not for_mailbox else "client",
            address,
            timezone.localtime().isoformat(timespec="seconds"),
        )
        return HttpResponseRedirect(self.get_success_url())
