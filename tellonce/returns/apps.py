from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    name = "tellonce.returns"
    label = "returns"
    verbose_name = "Statutory returns: the SEN2 person-level return"

    def ready(self) -> None:
        from tellonce.people.signals import child_anonymised
        from tellonce.returns.services import forget_child

        child_anonymised.connect(forget_child, dispatch_uid="returns.forget_child")
