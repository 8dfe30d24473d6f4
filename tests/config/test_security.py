"""Security: headers on every response, production settings, admin login rate limit, uploads."""

import io
import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import Image
from PIL.PngImagePlugin import PngInfo
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

BASE_DIR = Path(settings.BASE_DIR)


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def production_environment(**overrides) -> dict[str, str]:
    """The environment variables a production deployment sets (and nothing from this shell's)."""
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "SECRET_KEY"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="patrimoine.example.org",
        CSRF_TRUSTED_ORIGINS="https://patrimoine.example.org",
        WAGTAILADMIN_BASE_URL="https://patrimoine.example.org",
        DATABASE_URL="postgres://heritage@db.internal:5432/heritage",
        REDIS_URL="redis://cache.internal:6379/0",
    )
    environment.update(overrides)
    return environment


def run_deploy_check(**overrides) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=production_environment(**overrides),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_the_deploy_check_without_any_warning():
    result = run_deploy_check()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_deploy_check_does_flag_a_production_without_hsts():
    result = run_deploy_check(SECURE_HSTS_SECONDS="0")
    assert result.returncode != 0
    assert "security.W004" in result.stdout + result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/", "/recherche/?q=pierre", "/api/search/?q=pierre", "/api/actors.geojson", "/page-absente/"]
)
def test_public_responses_carry_a_strict_policy_and_the_security_headers(client, home_page, url):
    response = client.get(url)
    assert response.status_code in (200, 404)
    directives = csp_directives(response)
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'self'"]
    assert settings.MAP_TILE_ORIGIN in directives["img-src"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_the_map_tile_origin_is_the_scheme_and_host_of_the_tile_url():
    assert settings.MAP_TILE_URL.startswith(settings.MAP_TILE_ORIGIN + "/")
    assert "{" not in settings.MAP_TILE_ORIGIN


@pytest.mark.django_db
def test_https_responses_carry_hsts_in_production(client, home_page, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


@pytest.mark.django_db
def test_the_admin_has_its_own_policy_that_still_forbids_framing_and_plugins(client):
    response = client.get("/admin/login/")
    directives = csp_directives(response)
    assert "'unsafe-inline'" in directives["script-src"]
    assert directives["frame-ancestors"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_a_view_can_widen_frame_src_on_its_own_response_only(rf, home_page):
    from django.http import HttpResponse

    from config.csp import SiteAndAdminCSPMiddleware

    def view_with_player(request):
        response = HttpResponse("player")
        response._csp_update = {"frame-src": ["https://www.youtube-nocookie.com"]}
        return response

    with_player = SiteAndAdminCSPMiddleware(view_with_player)(rf.get("/replays/x/"))
    without_player = SiteAndAdminCSPMiddleware(lambda request: HttpResponse("page"))(rf.get("/"))
    assert csp_directives(with_player)["frame-src"] == ["'self'", "https://www.youtube-nocookie.com"]
    assert csp_directives(without_player)["frame-src"] == ["'self'"]


# --- Admin login rate limit -------------------------------------------------------------------


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(
        username="claire", password="bon-mot-de-passe-42", is_staff=True, is_superuser=True
    )


def log_in(client, password):
    return client.post("/admin/login/", {"username": "claire", "password": password})


@pytest.mark.django_db
def test_admin_login_is_refused_after_too_many_failures_even_with_the_right_password(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "mauvais").status_code == 200  # the form again, with an error
    locked = log_in(client, "mauvais")
    assert locked.status_code == 429
    assert "axes/lockout.html" in [template.name for template in locked.templates]
    assert log_in(client, "bon-mot-de-passe-42").status_code == 429


def production_client_address_settings(**environment) -> dict:
    """The settings that decide a client's address, as production computes them from its
    environment (read in a fresh interpreter, so that every settings module sees the variables)."""
    names = [
        "TRUSTED_PROXY_COUNT",
        "TRUSTED_PROXIES",
        "AXES_CLIENT_IP_CALLABLE",
        "AXES_IPWARE_PROXY_ORDER",
        "AXES_IPWARE_PROXY_COUNT",
        "AXES_IPWARE_PROXY_TRUSTED_IPS",
        "AXES_IPWARE_META_PRECEDENCE_ORDER",
    ]
    script = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r} if hasattr(settings, n)}}))"
    )
    completed = subprocess.run(  # noqa: S603 (the script is ours, built above)
        [sys.executable, "-c", script],
        cwd=BASE_DIR,
        env=production_environment(**environment),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(completed.stdout)


@pytest.mark.django_db
def test_facing_clients_directly_production_ignores_a_forged_x_forwarded_for(client, editor):
    """The probe's bypass: each wrong password sent with another X-Forwarded-For. By default
    production trusts no proxy, so the failures all count against the connection's address."""
    with override_settings(**production_client_address_settings()):
        statuses = [
            client.post(
                "/admin/login/",
                {"username": "claire", "password": "mauvais"},
                HTTP_X_FORWARDED_FOR=f"81.250.1.{attempt}",
                REMOTE_ADDR="81.250.9.9",
            ).status_code
            for attempt in range(settings.AXES_FAILURE_LIMIT)
        ]
        assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
        right = client.post(
            "/admin/login/",
            {"username": "claire", "password": "bon-mot-de-passe-42"},
            HTTP_X_FORWARDED_FOR="81.250.1.200",
            REMOTE_ADDR="81.250.9.9",
        )
        assert right.status_code == 429


@pytest.mark.django_db
@pytest.mark.parametrize(
    "environment", [{"TRUSTED_PROXIES": "10.0.0.2"}, {"TRUSTED_PROXY_COUNT": "1"}], ids=["list", "count"]
)
def test_behind_one_named_proxy_a_lockout_is_per_client_and_forged_entries_do_not_help(
    client, editor, environment
):
    """Behind the proxy the client is the entry the proxy wrote (the right-most): a forged
    left-hand entry changes nothing, and the editor elsewhere behind the same proxy logs in."""
    login = {"username": "claire", "password": "mauvais"}
    with override_settings(**production_client_address_settings(**environment)):
        statuses = [
            client.post(
                "/admin/login/", login, HTTP_X_FORWARDED_FOR=f"1.2.3.{n}, 81.250.1.7", REMOTE_ADDR="10.0.0.2"
            ).status_code
            for n in range(settings.AXES_FAILURE_LIMIT)
        ]
        assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
        good = {"username": "claire", "password": "bon-mot-de-passe-42"}
        editor_desk = {"HTTP_X_FORWARDED_FOR": "81.250.1.20", "REMOTE_ADDR": "10.0.0.2"}
        assert client.post("/admin/login/", good, **editor_desk).status_code == 302


@pytest.mark.django_db
def test_with_a_list_of_proxies_a_request_from_elsewhere_cannot_choose_its_address(client, editor):
    """The list names the proxies: a request that reaches the app without going through one
    (from 81.250.9.9) is counted by its own address, whatever its X-Forwarded-For says."""
    with override_settings(**production_client_address_settings(TRUSTED_PROXIES="10.0.0.2")):
        statuses = [
            client.post(
                "/admin/login/",
                {"username": "claire", "password": "mauvais"},
                HTTP_X_FORWARDED_FOR=f"81.250.1.{n}",
                REMOTE_ADDR="81.250.9.9",
            ).status_code
            for n in range(settings.AXES_FAILURE_LIMIT)
        ]
        assert statuses[-1] == 429


def test_production_refuses_the_former_behind_proxy_variable():
    """BEHIND_PROXY trusted any X-Forwarded-For: a deployment still setting it must notice."""
    result = run_deploy_check(BEHIND_PROXY="true")
    assert result.returncode != 0
    assert "TRUSTED_PROXIES" in result.stderr


def compose_services() -> dict[str, str]:
    """site/deploy/compose.yaml's service blocks by name (no YAML parser in the environment)."""
    text = (BASE_DIR / "site" / "deploy" / "compose.yaml").read_text()
    services = text.split("\nservices:\n", 1)[1].split("\n\n" + "networks:", 1)[0]
    blocks = re.split(r"^  ([a-z-]+):\n", services, flags=re.MULTILINE)[1:]
    return dict(zip(blocks[::2], blocks[1::2], strict=True))


def test_the_compose_stack_publishes_only_the_proxy_and_the_app_trusts_exactly_it():
    services = compose_services()
    assert "ports:" not in services["app"]
    assert "ports:" in services["proxy"]
    proxy_address = re.search(r"ipv4_address: ([0-9.]+)", services["proxy"]).group(1)
    assert f"TRUSTED_PROXIES: {proxy_address}" in services["app"]
    assert f"FORWARDED_ALLOW_IPS: {proxy_address}" in services["app"]
    caddyfile = (BASE_DIR / "site" / "deploy" / "Caddyfile").read_text()
    assert "header_up X-Forwarded-For {remote_host}" in caddyfile  # overwrites the client's


@pytest.mark.django_db
def test_admin_login_still_works_below_the_failure_limit(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "mauvais")
    response = log_in(client, "bon-mot-de-passe-42")
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


# --- Uploads to the image and document libraries -------------------------------------------------


def png_bytes(padding: int = 0) -> bytes:
    """A valid PNG image, made bigger by a text chunk of `padding` bytes."""
    metadata = PngInfo()
    if padding:
        metadata.add_text("padding", "x" * padding)
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG", pnginfo=metadata)
    return buffer.getvalue()


def upload_image(client, name, content):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Essai",
            # Every picture says what it shows (core/image_forms.py).
            "description": "Une façade en tuffeau",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, content),
        },
    )


def upload_document(client, name, content):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Essai",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, content),
        },
    )


def file_errors(response) -> list:
    return response.context["form"].errors.as_data().get("file", [])


def file_error_codes(response) -> list[str]:
    return [error.code for error in file_errors(response)]


@pytest.mark.django_db
def test_an_allowed_image_is_accepted(admin_client):
    response = upload_image(admin_client, "facade.png", png_bytes())
    assert response.status_code == 302
    assert get_image_model().objects.filter(title="Essai").exists()


@pytest.mark.django_db
def test_an_image_of_a_type_not_allowed_gets_a_form_error(admin_client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = upload_image(admin_client, "logo.svg", svg)
    assert response.status_code == 200
    assert file_error_codes(response) == ["invalid_image_extension"]
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
def test_an_image_over_the_size_limit_gets_a_form_error(admin_client):
    response = upload_image(
        admin_client, "lourde.png", png_bytes(padding=settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)
    )
    assert response.status_code == 200
    assert file_error_codes(response) == ["file_too_large"]
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
def test_an_allowed_document_is_accepted(admin_client):
    response = upload_document(admin_client, "programme.pdf", b"%PDF-1.4\n%%EOF\n")
    assert response.status_code == 302
    assert get_document_model().objects.filter(title="Essai").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["page.html", "outil.exe", "script.js"])
def test_a_document_of_a_type_not_allowed_gets_a_form_error(admin_client, name):
    response = upload_document(admin_client, name, b"<script>alert(1)</script>")
    assert response.status_code == 200
    extension = name.rsplit(".", 1)[1]
    # Wagtail checks the extension in the model's clean(), with Django's message (and no code).
    assert any(extension in " ".join(error.messages) for error in file_errors(response))
    assert not get_document_model().objects.exists()


@pytest.mark.django_db
def test_a_document_over_the_size_limit_gets_a_form_error(admin_client):
    big = b"x" * (settings.WAGTAILDOCS_MAX_UPLOAD_SIZE + 1)
    response = upload_document(admin_client, "archives.txt", big)
    assert response.status_code == 200
    assert "file_too_large" in file_error_codes(response)
    assert not get_document_model().objects.exists()
