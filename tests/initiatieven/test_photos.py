"""Photos: decoded once, within a bound of pixels and memory, stored without metadata,
and uploads capped before they are read."""

import json
import subprocess
import sys
import textwrap
from io import BytesIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from initiatieven.content import PHOTO_SIDE, clean_photo
from initiatieven.models import Update
from marktplein.uploads import OversizedUpload
from tests.factories import InitiativeFactory

ROOT = Path(__file__).resolve().parents[2]


def _image(size, image_format, **save_options) -> bytes:
    out = BytesIO()
    Image.new("RGB", size, (40, 160, 60)).save(out, format=image_format, **save_options)
    return out.getvalue()


def _upload(data: bytes, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_a_jpeg_keeps_no_comment_icc_profile_or_exif():
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    data = _image(
        (80, 60),
        "JPEG",
        comment=b"home address: Wierden 12",
        icc_profile=b"fake-icc-profile-data" * 4,
        exif=exif,
    )
    assert b"Wierden 12" in data
    cleaned = clean_photo(_upload(data)).content.read()
    assert b"Wierden 12" not in cleaned
    assert b"PhoneMaker" not in cleaned
    with Image.open(BytesIO(cleaned)) as image:
        assert not {"comment", "icc_profile", "exif", "xmp"} & set(image.info)
        assert image.size == (80, 60)


def test_a_large_photo_is_scaled_to_what_the_site_shows():
    cleaned = clean_photo(_upload(_image((4000, 3000), "JPEG")))
    assert (cleaned.width, cleaned.height) == (PHOTO_SIDE, 1200)


def test_the_orientation_is_applied_before_the_metadata_goes():
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise to show
    cleaned = clean_photo(_upload(_image((80, 40), "JPEG", exif=exif)))
    assert (cleaned.width, cleaned.height) == (40, 80)


@pytest.mark.parametrize(("size", "image_format"), [((6300, 6300), "WEBP"), ((4100, 4100), "PNG")])
def test_a_picture_with_too_many_pixels_is_refused_from_its_header(size, image_format):
    # A few kilobytes that would decode into hundreds of megabytes.
    data = _image(size, image_format, **({"lossless": False} if image_format == "WEBP" else {}))
    assert len(data) < 200_000
    with translation.override("en"), pytest.raises(ValidationError, match="too many pixels"):
        clean_photo(_upload(data, name="bomb", content_type="image/webp"))


MEMORY_PROBE = textwrap.dedent(
    """
    import json, resource, sys
    import django
    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.exceptions import ValidationError
    from initiatieven.content import clean_photo

    with open(sys.argv[1], "rb") as source:
        data = source.read()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        clean_photo(SimpleUploadedFile("p", data))
        outcome = "kept"
    except ValidationError:
        outcome = "refused"
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"outcome": outcome, "peak_growth_mb": (after - before) / 1024}))
    """
)


@pytest.mark.parametrize(
    ("image_format", "width", "height", "outcome", "bound_mb"),
    [
        # A 49-megapixel JPEG is decoded at a quarter of its size: about 9 MB.
        ("JPEG", 8100, 6050, "kept", 40),
        # The largest PNG and WebP we accept are decoded in full: 48 MB of pixels.
        ("PNG", 3999, 3999, "kept", 150),
        ("WEBP", 3999, 3999, "kept", 150),
        # The 6,300 x 6,300 WebP from the penetration test: refused before decoding.
        ("WEBP", 6300, 6300, "refused", 10),
    ],
)
def test_decoding_a_photo_stays_within_a_memory_bound(
    image_format, width, height, outcome, bound_mb, tmp_path
):
    """Measured in a fresh process: the peak memory a photo adds while it is cleaned."""
    source = tmp_path / "photo"
    source.write_bytes(_image((width, height), image_format))
    result = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, str(source)],
        cwd=ROOT,
        env={"DJANGO_SETTINGS_MODULE": "marktplein.settings.dev", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    measured = json.loads(result.stdout.strip().splitlines()[-1])
    assert measured["outcome"] == outcome
    assert measured["peak_growth_mb"] < bound_mb, measured


pytestmark = pytest.mark.django_db


def test_a_body_larger_than_any_form_is_refused_before_it_is_read(client):
    initiative = InitiativeFactory()
    client.force_login(initiative.created_by)
    # The test client's empty body fails loudly if anything tries to read 50 MB from it.
    response = client.generic(
        "POST",
        reverse("initiatieven:update_create", args=[initiative.pk]),
        data=b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(50 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "te groot" in response.content.decode()
    assert not Update.objects.exists()


def test_a_photo_over_the_limit_is_not_kept_and_the_form_says_so(client):
    initiative = InitiativeFactory()
    client.force_login(initiative.created_by)
    six_mb = _upload(b"\\xff\\xd8\\xff" + b"0" * (6 * 1024 * 1024), name="huge.jpg")
    response = client.post(
        reverse("initiatieven:update_create", args=[initiative.pk]),
        {"body": "News with a huge photo.", "photo_1": six_mb, "description_1": "A photo"},
    )
    assert response.status_code == 400
    upload = response.wsgi_request.FILES["photo_1"]
    # Only its size was kept, none of its bytes.
    assert isinstance(upload, OversizedUpload)
    assert upload.size > 5 * 1024 * 1024
    page = response.content.decode()
    assert "te groot" in page
    assert "News with a huge photo." in page
