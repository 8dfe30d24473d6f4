"""The forum's signed-link address (under the language prefix, config/urls.py). Not translated:
a link mailed today must still work after the French catalogue changes."""

from django.urls import path

from . import views

app_name = "forum"
urlpatterns = [path("forum/confirmer/<str:token>/", views.confirm_proposal, name="confirm")]
