"""Where the uploaded files are kept, for the backup."""

from pathlib import Path

from django.core.files.storage import FileSystemStorage, storages


def uploads_folder() -> Path | None:
    """The folder of the default file storage; None when files are kept elsewhere (they are then
    backed up with that storage, not here)."""
    storage = storages["default"]
    return Path(storage.location) if isinstance(storage, FileSystemStorage) else None
