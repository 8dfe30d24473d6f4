"""The circle's public addresses, under the language prefix (config/urls.py includes them).

The signed-link addresses are not translated: a link mailed today must still work after the
French catalogue changes.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "questions"
urlpatterns = [
    path(_("ask-a-question/"), views.ask, name="ask"),
    path("questions/suivi/<str:token>/", views.follow, name="follow"),
    path("questions/cercle/<str:token>/", views.assignment_page, name="assignment"),
    path("questions/disponibilite/<str:token>/", views.availability, name="availability"),
]
