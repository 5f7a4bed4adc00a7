from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "tellonce.people"
    label = "people"
    verbose_name = "Children, young people and families"

    def ready(self) -> None:
        from tellonce.people import permissions  # noqa: F401  (registers the rules)
