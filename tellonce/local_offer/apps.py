from django.apps import AppConfig


class LocalOfferConfig(AppConfig):
    name = "tellonce.local_offer"
    label = "local_offer"
    verbose_name = "Local Offer: the public directory of services"

    def ready(self) -> None:
        from tellonce.local_offer import signals  # noqa: F401  (each new council's thesaurus)
