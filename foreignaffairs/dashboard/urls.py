"""The staff dashboards. Each app adds its pages here; the overview lives in foreignaffairs.dashboard.overview."""

from django.urls import path

from agreements import views as agreement_views
from delegations import views as delegation_views
from foreignaffairs.dashboard import (
    briefing,
    calendar_feed,
    calendar_subscription,
    overview,
    partner_list,
    partner_page,
    person_page,
    report_page,
    search_page,
)
from partners import views as partner_views
from projects import views as project_views

app_name = "dashboard"

urlpatterns = [
    path("", overview.overview, name="overview"),
    path("partners/", partner_list.partner_list, name="partner-list"),
    path("partners/<int:pk>/", partner_page.partner_detail, name="partner-detail"),
    path("partners/<int:pk>/briefing.pdf", briefing.partner_briefing, name="partner-briefing"),
    path("people/", partner_views.person_list, name="person-list"),
    path("people/<int:pk>/", person_page.person_detail, name="person-detail"),
    path("agreements/", agreement_views.agreement_list, name="agreement-list"),
    path("agreements/<int:pk>/", agreement_views.agreement_detail, name="agreement-detail"),
    path("reviews/", agreement_views.review_list, name="review-list"),
    path("projects/", project_views.project_list, name="project-list"),
    path("projects/<int:pk>/", project_views.project_detail, name="project-detail"),
    path("delegations/", delegation_views.delegation_list, name="delegation-list"),
    path("delegations/<int:pk>/", delegation_views.delegation_detail, name="delegation-detail"),
    path("calendar/", delegation_views.delegation_calendar, name="calendar"),
    path("calendar/subscribe/", calendar_subscription.calendar_subscription, name="calendar-subscription"),
    path("calendar/feed/<str:key>.ics", calendar_feed.calendar_feed, name="calendar-feed"),
    path("search/", search_page.search_page, name="search"),
    path("report/", report_page.report_page, name="report"),
]
