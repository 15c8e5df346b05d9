"""Witnesses for "nothing was read, nothing was fetched": a TCP listener on 127.0.0.1 that
records every connection, and a FIFO that knows whether anyone opened it for reading."""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path


class Listener:
    """Accepts connections on 127.0.0.1 (an ephemeral port) and records each with what it sent;
    answers like a web server serving an entity, so a real fetch would also change the output."""

    def __init__(self) -> None:
        self.connections: list[bytes] = []
        self._server = socket.create_server(("127.0.0.1", 0))
        self._server.settimeout(0.05)
        self.url = f"http://127.0.0.1:{self._server.getsockname()[1]}"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self._server.accept()
            except OSError:
                continue
            with connection:
                connection.settimeout(0.5)
                try:
                    received = connection.recv(65536)
                    connection.sendall(b"HTTP/1.0 200 OK\r\nContent-Type: application/xml\r\n\r\n<!ENTITY x 'FETCHED'>")
                except OSError:
                    received = b""
                self.connections.append(received)

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self._server.close()


class WatchedFile:
    """A FIFO standing for a secret file. Opening a FIFO for reading blocks until a writer comes;
    the probe is that writer, so any reader (libxml2 included) is seen, and never left hanging."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / "secret"
        os.mkfifo(self.path)
        self.opened = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._probe, daemon=True)
        self._thread.start()

    def _probe(self) -> None:
        while not self._stop.is_set():
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:  # ENXIO: nobody has it open for reading
                time.sleep(0.001)
                continue
            self.opened.set()
            try:
                os.write(fd, b"SECRET")
            except OSError:  # the reader is already gone
                pass
            finally:
                os.close(fd)

    def close(self) -> None:
        time.sleep(0.01)
        self._stop.set()
        self._thread.join()
