from django.apps import AppConfig


class WaitingListsConfig(AppConfig):
    name = "tellonce.waiting_lists"
    label = "waiting_lists"
    verbose_name = "Health waiting lists"

    def ready(self) -> None:
        from tellonce.waiting_lists import demo  # noqa: F401  (registers the demo step)
