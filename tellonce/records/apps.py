from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "tellonce.records"
    label = "records"
    verbose_name = "Records management: subject access, retention and disposal, backups"

    def ready(self) -> None:
        from tellonce.jobs import prepared
        from tellonce.records.prepared import producer

        prepared.register(producer)
