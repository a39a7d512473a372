"""Placeholder dashboard pages until the dashboards land; they keep links from the admin working."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect


@login_required
def overview(request):
    return redirect("admin:index")


@login_required
def placeholder(request, pk):
    return redirect("admin:index")
