"""Drive localcloud's Zenlayer API with the official zenlayercloud-sdk-python and print what happened as JSON.

Usage: zenlayer_flow.py <host:port> <access key id> <access key password>
"""
import json
import sys
import time

from zenlayercloud.common.config import Config
from zenlayercloud.common.credential import Credential
from zenlayercloud.common.excpetion.zenlayer_cloud_sdk_exception import ZenlayerCloudSdkException
from zenlayercloud.vm.v20230313 import models
from zenlayercloud.vm.v20230313.vm_client import VmClient
from zenlayercloud.zrm.v20251014 import models as zrm_models
from zenlayercloud.zrm.v20251014.zrm_client import ZrmClient

domain, key_id, secret = sys.argv[1], sys.argv[2], sys.argv[3]
config = Config(scheme="http", domain=domain, rate_limit_max_retries=3)
vm = VmClient(Credential(key_id, secret), config)
zrm = ZrmClient(Credential(key_id, secret), config)
out = {}


def describe(ids):
    req = models.DescribeInstancesRequest()
    req.instanceIds = ids
    return {i.instanceId: i for i in vm.DescribeInstances(req).dataSet}


def wait(ids, done, limit=60):
    deadline = time.time() + limit
    while time.time() < deadline:
        seen = describe(ids)
        if done(seen):
            return seen
        time.sleep(0.1)
    raise RuntimeError("timed out waiting")


def code_of(call):
    try:
        call()
        return None
    except ZenlayerCloudSdkException as e:
        return e.code


zones = vm.DescribeZones(models.DescribeZonesRequest())
out["zones"] = [z.zoneId for z in zones.zoneSet]

create = models.CreateInstancesRequest()
create._deserialize({
    "zoneId": "asia-east-1a",
    "instanceType": "c.1c2g",
    "imageId": "img-ubuntu-2204-x64",
    "instanceChargeType": "POSTPAID",
    "internetChargeType": "ByBandwidth",
    "instanceCount": 2,
    "subnetId": "subnet-hk-a-default",
    "instanceName": "conf[1,3]",
    "password": "Conform~2024",
    "tags": {"tags": [{"key": "suite", "value": "conformance"}]},
})
ids = vm.CreateInstances(create).instanceIdSet
out["createdIds"] = ids

running = wait(ids, lambda s: len(s) == 2 and all(i.instanceStatus == "RUNNING" and i.publicIpAddresses for i in s.values()))
out["running"] = {i: {"name": v.instanceName, "status": v.instanceStatus, "publicIp": v.publicIpAddresses[0],
                      "tags": {t.key: t.value for t in v.tags.tags}} for i, v in running.items()}

tag_req = zrm_models.ModifyResourceTagsRequest()
tag_req._deserialize({"resourceUuid": ids[0], "replaceTags": [{"key": "tier", "value": "web"}], "deleteTagKeys": ["suite"]})
zrm.ModifyResourceTags(tag_req)
out["retagged"] = {t.key: t.value for t in describe([ids[0]])[ids[0]].tags.tags}

early_release = models.ReleaseInstancesRequest()
early_release.instanceIds = ids
out["releaseBeforeTerminate"] = code_of(lambda: vm.ReleaseInstances(early_release))

for i in ids:
    term = models.TerminateInstanceRequest()
    term.instanceId = i
    vm.TerminateInstance(term)
wait(ids, lambda s: all(v.instanceStatus == "RECYCLE" for v in s.values()))
out["recycled"] = True
again = models.TerminateInstanceRequest()
again.instanceId = ids[0]
out["terminateTwice"] = code_of(lambda: vm.TerminateInstance(again))

release = models.ReleaseInstancesRequest()
release.instanceIds = ids
vm.ReleaseInstances(release)
out["remainingAfterRelease"] = len(wait(ids, lambda s: len(s) == 0))

bad_zone = models.CreateInstancesRequest()
bad_zone._deserialize({"zoneId": "SEL--A", "instanceType": "c.1c2g", "imageId": "img-ubuntu-2204-x64",
                       "instanceChargeType": "POSTPAID", "internetChargeType": "ByBandwidth", "instanceCount": 1,
                       "subnetId": "subnet-hk-a-default", "password": "Conform~2024"})
out["badZone"] = code_of(lambda: vm.CreateInstances(bad_zone))

wrong = VmClient(Credential(key_id, secret + "-wrong"), config)
out["wrongSecret"] = code_of(lambda: wrong.DescribeZones(models.DescribeZonesRequest()))
unknown = VmClient(Credential("no-such-key", secret), config)
out["unknownKey"] = code_of(lambda: unknown.DescribeZones(models.DescribeZonesRequest()))

print(json.dumps(out))
