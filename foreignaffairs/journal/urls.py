from django.urls import path

from foreignaffairs.journal import views

urlpatterns = [
    path("<str:subject>/<int:pk>/add/", views.add_note, name="journal-add"),
    path("files/<int:pk>/", views.download_attachment, name="journal-attachment"),
]
