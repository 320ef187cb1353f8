"""Sends one coc-vm request to localcloud through the official JD Cloud Python SDK (jdcloud-sdk): its JDCloudClient
builds the URL, query and body, its Signer signs (JDCLOUD3-HMAC-SHA256) and its response reader parses the envelope.

Usage: python jdcloud_flow.py '<json>' where the JSON holds endpoint (host:port), accessKey, secretKey, method,
url (e.g. /regions/{regionId}/instances) and parameters (path parameters included, as the SDK's own requests do).
Prints one JSON line: {"requestId", "result", "error": {"code", "status", "message"} | null}.
"""
import json
import sys

from jdcloud_sdk.core.config import Config
from jdcloud_sdk.core.const import SCHEME_HTTP
from jdcloud_sdk.core.credential import Credential
from jdcloud_sdk.core.jdcloudclient import JDCloudClient
from jdcloud_sdk.core.jdcloudrequest import JDCloudRequest
from jdcloud_sdk.core.logger import Logger, FATAL


class CocVmRequest(JDCloudRequest):
    """A generic coc-vm request: the SDK's request class with a dict of parameters."""

    def __init__(self, method, url, parameters):
        super(CocVmRequest, self).__init__(url, method, None, "v1")
        self.parameters = parameters


def main():
    spec = json.loads(sys.argv[1])
    client = JDCloudClient(
        Credential(spec["accessKey"], spec["secretKey"]),
        Config(spec["endpoint"], scheme=SCHEME_HTTP, timeout=20),
        "coc-vm",
        "1.0.0",
        Logger(FATAL),
    )
    resp = client.send(CocVmRequest(spec["method"], spec["url"], spec["parameters"]))
    error = None
    if resp.error is not None:
        error = {"code": resp.error.code, "status": resp.error.status, "message": resp.error.message}
    print(json.dumps({"requestId": resp.request_id, "result": resp.result, "error": error}))


if __name__ == "__main__":
    main()
