from django.apps import AppConfig


class AdministrationConfig(AppConfig):
    name = "tellonce.administration"
    label = "administration"
    verbose_name = "The council administrator's pages: accounts, organisations and their log"

    def ready(self) -> None:
        from tellonce.administration.prepared import producer
        from tellonce.jobs import prepared

        prepared.register(producer)
