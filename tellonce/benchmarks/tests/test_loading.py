import io
import shutil

import pytest
from django.core.management import CommandError, call_command

from tellonce.benchmarks import loading
from tellonce.benchmarks.models import Level, PublishedFigure

pytestmark = pytest.mark.django_db


def _figure(measure, year, **where):
    return PublishedFigure.objects.get(measure=measure, year=year, **where)


def test_the_kept_copy_loads_england_regions_and_councils_as_published():
    call_command("load-published-figures", stdout=io.StringIO())
    england = _figure("plans_in_20_weeks_excluding_exceptions", 2024, level=Level.NATIONAL)
    # send-rules.md section 11: 46.4% (39,407 / 84,866) excluding exceptions in 2024.
    assert (england.numerator, england.denominator, england.percent) == (39407, 84866, 46.4)
    kingston = _figure("review_decisions_in_4_weeks", 2024, la_code="314")
    assert kingston.percent == 51.5
    assert kingston.la_name == "Kingston upon Thames"
    assert _figure("requests_decided_in_6_weeks", 2024, la_code="886").percent == 90.8


def test_a_figure_published_as_x_is_kept_as_not_available_not_as_nought():
    call_command("load-published-figures", stdout=io.StringIO())
    unavailable = _figure("requests_decided_in_6_weeks", 2019, level=Level.NATIONAL)
    assert unavailable.numerator is None
    assert unavailable.marker == "x"
    assert unavailable.figure is None


def test_the_appeal_rate_table_gives_appeals_over_appealable_decisions():
    call_command("load-published-figures", stdout=io.StringIO())
    darlington = _figure("tribunal_appeal_rate", 2015, la_code="841")
    assert (darlington.numerator, darlington.denominator, darlington.percent) == (2, 469, 0.4)
    assert darlington.region_name == "North East"
    assert _figure("tribunal_appeal_rate", 2014, la_code="841").numerator == 0  # "-" is none


def test_ceased_plans_are_kept_by_reason_out_of_all_ceased():
    call_command("load-published-figures", stdout=io.StringIO())
    moved = _figure("ceased_moved_to_another_la", 2022, level=Level.NATIONAL)
    assert (moved.numerator, moved.denominator) == (9400, 34724)


def test_loading_again_replaces_the_release_rather_than_adding_to_it():
    call_command("load-published-figures", stdout=io.StringIO())
    first = PublishedFigure.objects.count()
    out = io.StringIO()
    call_command("load-published-figures", stdout=out)
    assert PublishedFigure.objects.count() == first
    assert "Reading ehcp_2025_requests.csv" in out.getvalue()


def test_a_bad_number_is_refused_with_its_file_and_line_and_nothing_is_written(tmp_path):
    for path in loading.files_in(loading.PUBLISHED):
        shutil.copy(path, tmp_path / path.name)
    bad = tmp_path / "ehcp_2025_requests.csv"
    lines = bad.read_text().splitlines()
    cells = lines[3].split(",")
    cells[-7] = "lots"  # request_outcome_six_weeks
    lines[3] = ",".join(cells)
    bad.write_text("\n".join(lines) + "\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was loaded"):
        call_command("load-published-figures", str(tmp_path), stdout=io.StringIO(), stderr=err)
    assert "ehcp_2025_requests.csv, line 4: request_outcome_six_weeks is 'lots'" in err.getvalue()
    assert not PublishedFigure.objects.exists()


def test_a_file_without_the_dfe_columns_is_refused(tmp_path):
    (tmp_path / "ehcp_2025_requests.csv").write_text("a,b\n1,2\n")
    with pytest.raises(CommandError):
        call_command("load-published-figures", str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO())
    assert not PublishedFigure.objects.exists()


def test_trimming_keeps_every_column_and_only_the_total_rows(tmp_path):
    source = tmp_path / "full"
    source.mkdir()
    header = ",".join(loading.AREA_COLUMNS) + ",breakdown,requests_received_in_year\n"
    (source / "ehcp_2025_requests.csv").write_text(
        header
        + "2024,National,,,,,,All requests for EHC needs assessments,All,5\n"
        + "2024,National,,,,,,Sex,Boys,3\n"
    )
    kept = loading.trim(source, tmp_path / "trimmed")
    assert kept == {"ehcp_2025_requests.csv": 1}
    text = (tmp_path / "trimmed" / "ehcp_2025_requests.csv").read_text()
    assert text.splitlines()[0] == header.strip()
    assert "Boys" not in text
