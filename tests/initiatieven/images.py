"""Small images made in the test, with and without GPS data in EXIF."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

GPS_IFD = 0x8825


def jpeg_with_gps(name: str = "garden.jpg", size=(64, 48)) -> SimpleUploadedFile:
    image = Image.new("RGB", size, (40, 160, 60))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[GPS_IFD] = {1: "N", 2: (52.0, 21.0, 30.0), 3: "E", 4: (5.0, 13.0, 10.0)}
    out = BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def png(name: str = "plan.png") -> SimpleUploadedFile:
    out = BytesIO()
    Image.new("RGBA", (32, 32), (200, 0, 0, 128)).save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def fake_image(name: str = "photo.jpg") -> SimpleUploadedFile:
    """A script that calls itself a JPEG."""
    return SimpleUploadedFile(name, b"<script>alert(1)</script>" * 10, content_type="image/jpeg")


def too_large(name: str = "huge.jpg", size: int = 6 * 1024 * 1024) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"\xff\xd8\xff" + b"0" * size, content_type="image/jpeg")
