"""A newsletter issue becomes translatable (wagtail-localize): its language becomes a locale,
each issue its own translation key; a delivery records its last attempt (retries, stuck sends)."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


def language_to_locale(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    NewsletterIssue = apps.get_model("news", "NewsletterIssue")
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    for issue in NewsletterIssue.objects.all():
        locale = locales.get(issue.language) or locales.get("fr")
        if locale is None:
            locale = Locale.objects.create(language_code=issue.language or "fr")
            locales[locale.language_code] = locale
        issue.locale = locale
        issue.translation_key = uuid.uuid4()
        issue.save(update_fields=["locale", "translation_key"])


def locale_to_language(apps, schema_editor):
    NewsletterIssue = apps.get_model("news", "NewsletterIssue")
    for issue in NewsletterIssue.objects.select_related("locale"):
        issue.language = issue.locale.language_code
        issue.save(update_fields=["language"])


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0003_pictures"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="delivery",
            name="attempted_at",
            field=models.DateTimeField(
                blank=True,
                help_text="When it was last handed to the mail server.",
                null=True,
                verbose_name="last attempt at",
            ),
        ),
        migrations.AddField(
            model_name="newsletterissue",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="newsletterissue",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(language_to_locale, locale_to_language),
        migrations.AlterField(
            model_name="newsletterissue",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="newsletterissue",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(name="newsletterissue", unique_together={("translation_key", "locale")}),
        migrations.RemoveField(model_name="newsletterissue", name="language"),
    ]
