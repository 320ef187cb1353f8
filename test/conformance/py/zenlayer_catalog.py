"""Ask localcloud's Zenlayer VM catalogue through the official zenlayercloud-sdk-python (its request and response
models) and print what came back as JSON.

Usage: zenlayer_catalog.py <host:port> <access key id> <access key password>
"""
import json
import sys

from zenlayercloud.common.config import Config
from zenlayercloud.common.credential import Credential
from zenlayercloud.common.excpetion.zenlayer_cloud_sdk_exception import ZenlayerCloudSdkException
from zenlayercloud.vm.v20230313 import models
from zenlayercloud.vm.v20230313.vm_client import VmClient

domain, key_id, secret = sys.argv[1], sys.argv[2], sys.argv[3]
vm = VmClient(Credential(key_id, secret), Config(scheme="http", domain=domain, rate_limit_max_retries=3))
out = {}


def request(cls, **fields):
    req = cls()
    req._deserialize(fields)
    return req


def code_of(call):
    try:
        call()
        return None
    except ZenlayerCloudSdkException as e:
        return e.code


vpcs = vm.DescribeVpcs(request(models.DescribeVpcsRequest, zoneId="asia-east-1a"))
out["vpcs"] = [{"vpcId": v.vpcId, "zoneId": v.zoneId, "status": v.vpcStatus, "subnets": v.subnetIdList, "isDefault": v.isDefault} for v in vpcs.dataSet]
out["vpcsTotal"] = vm.DescribeVpcs(models.DescribeVpcsRequest()).totalCount

subnets = vm.DescribeSubnets(request(models.DescribeSubnetsRequest, zoneId="asia-east-1a"))
out["subnets"] = {s.subnetId: {"zoneId": s.zoneId, "cidr": s.cidrBlock, "used": s.usageIpCount, "total": s.totalIpCount,
                               "status": s.subnetStatus, "instances": s.instanceIdList} for s in subnets.dataSet}
out["subnetsTotal"] = subnets.totalCount
page2 = vm.DescribeSubnets(request(models.DescribeSubnetsRequest, pageSize=3, pageNum=2))
out["subnetPage2"] = {"total": page2.totalCount, "ids": [s.subnetId for s in page2.dataSet]}
byId = vm.DescribeSubnets(request(models.DescribeSubnetsRequest, subnetIds=["subnet-la-a-default", "subnet-none"]))
out["subnetsById"] = [s.subnetId for s in byId.dataSet]
out["subnetBadPageSize"] = code_of(lambda: vm.DescribeSubnets(request(models.DescribeSubnetsRequest, pageSize=0)))

groups = vm.DescribeSecurityGroups(models.DescribeSecurityGroupsRequest())
out["securityGroups"] = {g.securityGroupId: {"name": g.securityGroupName, "rules": [(r.direction, r.ipProtocol, r.portRange) for r in g.ruleInfos],
                                             "isDefault": g.isDefault} for g in groups.dataSet}
named = vm.DescribeSecurityGroups(request(models.DescribeSecurityGroupsRequest, securityGroupName="ssh"))
out["securityGroupsNamedSsh"] = [g.securityGroupId for g in named.dataSet]

images = vm.DescribeImages(request(models.DescribeImagesRequest, zoneId="asia-northeast-2a", pageSize=100))
out["imagesInSeoul"] = [i.imageId for i in images.dataSet]
types = vm.DescribeZoneInstanceConfigInfos(request(models.DescribeZoneInstanceConfigInfosRequest, zoneId="asia-east-1a"))
out["typesInHongKongA"] = sorted({t.instanceType for t in types.instanceTypeQuotaSet})

print(json.dumps(out))
