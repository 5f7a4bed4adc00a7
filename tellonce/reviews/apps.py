from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "tellonce.reviews"
    label = "reviews"
    verbose_name = "Annual reviews, ceasing and moves"

    def ready(self) -> None:
        from tellonce.reviews import permissions, signals  # noqa: F401  (signals: the stored schedule)
