from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "news"
urlpatterns = [
    path(_("programmes/remind/<int:call_id>/"), views.ask_for_reminder, name="ask_for_reminder"),
    path(_("programmes/remind/confirm/<str:token>/"), views.confirm_reminder, name="confirm_reminder"),
    path(_("newsletter/"), views.subscribe, name="subscribe"),
    path(_("newsletter/confirm/<str:token>/"), views.confirm_subscription, name="confirm_subscription"),
    path(_("newsletter/unsubscribe/<str:token>/"), views.unsubscribe, name="unsubscribe"),
]
