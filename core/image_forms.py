"""The admin's picture form (``WAGTAILIMAGES_IMAGE_FORM_BASE``): the description is the
alternative text, and a picture needs one unless it is marked decorative.

The check is the form's, not the model's: Wagtail's multiple upload first stores a file with
its title only, then asks for the rest in the same form, which checks it there.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.images.forms import BaseImageForm

ALT_REQUIRED = _(
    "Write the alternative text: what the picture shows, for people who cannot see it. "
    "If it shows nothing a visitor needs, tick « decorative »."
)


class PictureForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "description" in self.fields:
            field = self.fields["description"]
            field.label = _("Alternative text")
            field.help_text = _(
                "What the picture shows, in one sentence, for people who cannot see it "
                "(« Un tailleur de pierre taille un bloc de tuffeau »). Not the credit."
            )

    def clean(self):
        cleaned = super().clean()
        asked = "description" in self.fields and "is_decorative" in self.fields
        if asked and not cleaned.get("is_decorative") and not (cleaned.get("description") or "").strip():
            self.add_error("description", ALT_REQUIRED)
        return cleaned
