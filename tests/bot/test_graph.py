"""The Graph client against the fake Graph over HTTP: retries on transient errors only."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.consent.profile import ProfileFetcher
from bot.errors import GraphPermanent, GraphRetryable
from bot.graph.client import GraphClient, RetryPolicy
from bot.graph.fake import FakeGraph
from bot.metrics import Metrics
from bot.store import PROFILE_FIELDS

TOKEN, SECRET = "page-token", "app-secret"
MESSAGE = {"text": "Zdravo"}


@pytest.fixture
async def fake() -> AsyncIterator[FakeGraph]:
    graph = FakeGraph(TOKEN, SECRET, timeout_s=2.0)
    await graph.start()
    yield graph
    await graph.stop()


@pytest.fixture
async def client(fake: FakeGraph) -> AsyncIterator[GraphClient]:
    policy = RetryPolicy(retries=3, base_s=0.01, cap_s=0.05)
    async with GraphClient(fake.url, TOKEN, SECRET, Metrics(), policy=policy, timeout_s=0.5) as c:
        yield c


async def test_a_message_is_sent_with_messaging_type_and_appsecret_proof(
    fake: FakeGraph, client: GraphClient
) -> None:
    answer = await client.send("psid-1", MESSAGE)
    assert answer["recipient_id"] == "psid-1" and answer["message_id"].startswith("m_")
    request = fake.requests[-1]
    assert request.body["messaging_type"] == "RESPONSE"
    assert len(request.query["appsecret_proof"]) == 64


@pytest.mark.parametrize("error", ["613", "500", "timeout"])
async def test_transient_errors_are_retried_until_success(
    fake: FakeGraph, client: GraphClient, error: str
) -> None:
    fake.fail_next(error, 2)
    answer = await client.send("psid-2", MESSAGE)
    assert answer["recipient_id"] == "psid-2"
    assert len(fake.requests) == 3


async def test_retries_are_bounded(fake: FakeGraph, client: GraphClient) -> None:
    fake.fail_next("613", 10)
    with pytest.raises(GraphRetryable) as caught:
        await client.send("psid-3", MESSAGE)
    assert caught.value.code == 613 and caught.value.subcode == 2534040
    assert len(fake.requests) == 4


@pytest.mark.parametrize(
    ("error", "code", "subcode"),
    [("551", 551, 1545041), ("2018278", 10, 2018278), ("190", 190, None), ("1893015", 10, 1893015)],
)
async def test_permanent_errors_are_not_retried(
    fake: FakeGraph, client: GraphClient, error: str, code: int, subcode: int | None
) -> None:
    fake.fail_next(error)
    with pytest.raises(GraphPermanent) as caught:
        await client.send("psid-4", MESSAGE)
    assert (caught.value.code, caught.value.subcode) == (code, subcode)
    assert caught.value.fbtrace_id
    assert len(fake.requests) == 1


async def test_a_wrong_app_secret_is_refused_like_meta_does(fake: FakeGraph) -> None:
    async with GraphClient(fake.url, TOKEN, "other-secret", Metrics()) as client:
        with pytest.raises(GraphPermanent) as caught:
            await client.send("psid-5", MESSAGE)
    assert caught.value.code == 100


async def test_an_oversized_message_is_refused_like_meta_does(client: GraphClient) -> None:
    with pytest.raises(GraphPermanent):
        await client.send("psid-6", {"text": "x" * 2000})


async def test_sender_actions_carry_only_recipient_and_action(
    fake: FakeGraph, client: GraphClient
) -> None:
    await client.sender_action("psid-7", "typing_on")
    assert fake.requests[-1].body == {"recipient": {"id": "psid-7"}, "sender_action": "typing_on"}


async def test_the_profile_is_fetched_with_retries_and_an_escaped_psid(
    fake: FakeGraph, client: GraphClient
) -> None:
    fake.fail_next("500")  # transient: pymessenger gave up at once (no profile, no name)
    fetcher = ProfileFetcher(client)
    profile = await fetcher.fetch("p/../me?fields=x")
    assert profile["first_name"] == "Test"
    assert profile["last_name"] == "Personds=x"  # the fake saw the whole PSID as one segment
    assert fake.requests[-1].query["fields"] == ",".join(PROFILE_FIELDS)
    assert len(fake.requests[-1].query["appsecret_proof"]) == 64


async def test_a_refused_profile_is_counted_by_its_code(fake: FakeGraph) -> None:
    metrics = Metrics()
    async with GraphClient(fake.url, TOKEN, SECRET, metrics) as graph:
        fake.fail_next("2018218")
        assert await ProfileFetcher(graph).fetch("psid-5") == {}
    counted = metrics.graph_calls.labels(outcome="permanent", code="100/2018218")
    assert counted._value.get() == 1
