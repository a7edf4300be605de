"""Keep no more of an uploaded file than a photo may be."""

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import FileUploadHandler


class OversizedUpload(SimpleUploadedFile):
    """Stands in for a file that was larger than allowed: its size, none of its bytes."""

    def __init__(self, name: str, content_type: str, size: int):
        super().__init__(name, b"", content_type)
        self.size = size


class FileSizeLimitUploadHandler(FileUploadHandler):
    """First in FILE_UPLOAD_HANDLERS: passes each file's bytes on to Django's own
    handlers until the file grows past MARKTPLEIN_MAX_PHOTO_BYTES, then keeps
    nothing more of it. The form then sees an `OversizedUpload` and says the
    photo is too large."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.MARKTPLEIN_MAX_PHOTO_BYTES:
            return None
        return raw_data

    def file_complete(self, file_size):
        if self.received > settings.MARKTPLEIN_MAX_PHOTO_BYTES:
            return OversizedUpload(self.file_name, self.content_type, self.received)
        return None
