import uuid

from mock_server.core.ids import IdFactory


def test_a_seed_makes_every_stream_repeat():
    first, second = IdFactory(42), IdFactory(42)

    assert [first.uuid("a") for _ in range(3)] == [second.uuid("a") for _ in range(3)]


def test_streams_are_independent():
    plain, busy = IdFactory(1), IdFactory(1)
    busy.uuid("error")
    busy.uuid("error")

    assert plain.uuid("work_item") == busy.uuid("work_item")


def test_ids_are_version_4_uuids():
    assert uuid.UUID(IdFactory(3).uuid("x")).version == 4
    assert uuid.UUID(IdFactory().uuid("x")).version == 4


def test_unseeded_ids_differ():
    factory = IdFactory()

    assert factory.uuid("x") != factory.uuid("x")


def test_tokens_are_hex_of_the_asked_length():
    token = IdFactory(5).token("t", 8)

    assert len(token) == 16
    int(token, 16)


def test_fast_forward_continues_a_seeded_run_where_it_stopped():
    original = IdFactory(9)
    original.uuid("a")
    original.token("t", 8)
    resumed = IdFactory(9)

    resumed.fast_forward(original.draws())

    assert resumed.uuid("a") == original.uuid("a")
    assert resumed.token("t", 8) == original.token("t", 8)


def test_secrets_differ_between_two_runs_with_the_same_seed():
    first, second = IdFactory(9), IdFactory(9)

    assert first.uuid("a") == second.uuid("a")  # ids replay...
    assert first.secret() != second.secret()  # ...credentials never do
    assert len(first.secret(24)) == 48


def test_drawing_a_secret_does_not_shift_a_seeded_stream():
    plain, with_secret = IdFactory(9), IdFactory(9)
    with_secret.secret()

    assert with_secret.uuid("a") == plain.uuid("a")
    assert with_secret.draws() == plain.draws()
