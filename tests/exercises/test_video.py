"""Videos staff upload: checked by content, published only with a poster and captions, served in
parts as they play, and never playing by themselves."""

from io import BytesIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from hipcare.views import RANGE_CHUNK
from tests.factories import ClinicianFactory, ExerciseFactory, StepFactory

pytestmark = pytest.mark.django_db
CLIP = (Path(__file__).parents[1] / "fixtures" / "clip.webm").read_bytes()
CAPTIONS = b"WEBVTT\n\n00:00.000 --> 00:01.500\nSit tall, then lift one foot.\n"


def poster():
    buffer = BytesIO()
    Image.new("RGB", (320, 240), (40, 90, 80)).save(buffer, "PNG")
    return SimpleUploadedFile("poster.png", buffer.getvalue())


def with_video(step, video=CLIP, name="clip.webm", captions=CAPTIONS, **fields):
    step.video = SimpleUploadedFile(name, video)
    step.video_poster = poster()
    if captions is not None:
        step.video_captions = SimpleUploadedFile("captions.vtt", captions)
    for field, value in fields.items():
        setattr(step, field, value)
    return step


def test_a_step_video_is_stored_under_its_real_format_and_plays_only_when_asked(client):
    step = with_video(StepFactory(position=1, exercise=ExerciseFactory()), name="lift.mp4")
    step.full_clean()
    step.save()

    assert step.video.name.endswith(".webm") and "lift" not in step.video.name
    html = client.get(step.exercise.get_absolute_url()).content.decode()
    video = html.split("<video", 1)[1].split("</video>", 1)[0]
    assert 'preload="none"' in video and "controls" in video
    assert "autoplay" not in video
    assert f'<source src="{step.video.url}" type="video/webm">' in video
    assert (
        f'<track kind="captions" src="{step.video_captions.url}" srclang="en" label="English" default>'
        in video
    )
    assert f'poster="{step.video_poster.url}"' in video


@pytest.mark.parametrize(
    "content, message",
    [
        (b"<html><script>alert(1)</script></html>", "not a video we can play everywhere"),
        (
            b"\x00\x00\x00\x18ftypisom" + b"\x00" * 200,
            "not a video we can play everywhere",
        ),  # MP4, but not H.264
        (
            b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"avc1" + b"\x00" * 200,
            "not a video we can play everywhere",
        ),  # the same box layout as an MP4, but a photo
    ],
    ids=["a page named .mp4", "mp4 without h264", "an iPhone photo named .mp4"],
)
def test_anything_but_mp4_h264_or_webm_is_refused(content, message):
    step = with_video(StepFactory(), video=content, name="clip.mp4")
    with pytest.raises(ValidationError) as refused:
        step.full_clean()
    assert message in str(refused.value.message_dict["video"])


def test_an_mp4_with_h264_is_accepted():
    mp4 = (
        b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\x00" * 100 + b"stsd" + b"avc1" + b"\x00" * 50
    )
    step = with_video(StepFactory(), video=mp4, name="clip.mp4")
    step.full_clean()
    step.save()
    assert step.video.name.endswith(".mp4") and step.video_type == "video/mp4"


def test_a_video_over_the_size_limit_is_refused(settings):
    settings.VIDEO_UPLOAD_MAX_MB = 0
    step = with_video(StepFactory())
    with pytest.raises(ValidationError) as refused:
        step.full_clean()
    assert "please upload one under 0 MB" in str(refused.value.message_dict["video"])


def test_captions_must_be_webvtt():
    step = with_video(StepFactory(), captions=b"1\n00:00:00,000 --> 00:00:01,500\nSRT, not WebVTT\n")
    with pytest.raises(ValidationError) as refused:
        step.full_clean()
    assert "WebVTT" in str(refused.value.message_dict["video_captions"])


def test_a_video_needs_captions_or_a_note_that_nothing_is_said_before_publishing():
    exercise = ExerciseFactory(status="draft")
    step = with_video(StepFactory(exercise=exercise), captions=None)
    step.full_clean()  # a draft may wait for its captions
    step.save()

    problems = exercise.publishing_problems()
    assert any(
        problem.startswith(f"Step {step.position}: ") and "captions" in problem for problem in problems
    )

    step.video_without_speech = True
    step.save()
    exercise.sign_off(ClinicianFactory())
    assert exercise.publishing_problems() == []


def test_videos_are_served_in_parts_as_they_play(client):
    step = with_video(StepFactory())
    step.save()
    url = step.video.url

    whole = client.get(url)
    assert whole.status_code == 200 and whole["Accept-Ranges"] == "bytes"
    assert whole["Content-Type"] == "video/webm" and whole["X-Content-Type-Options"] == "nosniff"

    part = client.get(url, HTTP_RANGE="bytes=0-99")
    assert part.status_code == 206 and part.content == CLIP[:100]
    assert part["Content-Range"] == f"bytes 0-99/{len(CLIP)}"

    tail = client.get(url, HTTP_RANGE="bytes=-10")
    assert tail.status_code == 206 and tail.content == CLIP[-10:]

    rest = client.get(url, HTTP_RANGE="bytes=6000-")
    assert rest.status_code == 206 and rest.content == CLIP[6000:]

    beyond = client.get(url, HTTP_RANGE=f"bytes={len(CLIP) + 5}-")
    assert beyond.status_code == 416 and beyond["Content-Range"] == f"bytes */{len(CLIP)}"

    captions = client.get(step.video_captions.url)
    assert captions["Content-Type"].startswith("text/vtt") and captions["Content-Security-Policy"].endswith(
        "sandbox"
    )


@pytest.mark.parametrize(
    "asked",
    ["bytes=0-", "bytes=-{size}", "bytes=-99999999", "bytes=0-{size}", "bytes=5-99999999", "bytes=-1"]
    + ["bytes=0-" + "9" * 18, "bytes=-" + "9" * 18, "bytes=" + "9" * 5000 + "-"],
)
def test_no_range_request_makes_the_site_send_or_hold_more_than_one_part(client, settings, asked):
    video = Path(settings.MEDIA_ROOT) / "videos" / "long-clip.webm"
    video.parent.mkdir(parents=True, exist_ok=True)
    content = bytes(range(256)) * (3 * RANGE_CHUNK // 256 + 7)
    video.write_bytes(content)
    size = len(content)

    response = client.get("/media/videos/long-clip.webm", HTTP_RANGE=asked.format(size=size))

    if response.status_code == 200:  # not a range the site reads: the file, streamed in blocks
        assert response.streaming and b"".join(response.streaming_content) == content
        return
    assert response.status_code == 206, asked
    first, last = map(int, response["Content-Range"].removeprefix("bytes ").split("/")[0].split("-"))
    assert len(response.content) == last - first + 1 <= RANGE_CHUNK
    assert response.content == content[first : last + 1]
