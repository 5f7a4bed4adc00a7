from django.apps import AppConfig


class WaitingListsConfig(AppConfig):
    name = "tellonce.waiting_lists"
    label = "waiting_lists"
    verbose_name = "Health waiting lists"

    def ready(self) -> None:
        from tellonce.jobs import prepared
        from tellonce.waiting_lists.prepared import producer

        prepared.register(producer)
