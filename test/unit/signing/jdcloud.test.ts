import {
  canonicalQuery,
  canonicalUri,
  jdcloudDate,
  parseJdcloudAuthorization,
  signJdcloud,
  type JdcloudVersion,
} from "../../../signing/jdcloud";

/**
 * The JD Cloud SDK's own signer tests (jdcloud_sdk/core/signer_test.py): JDCLOUD3, key `ak`/`sk`, host
 * `apigw-internal-dev.cn-north-1.jcloudcs.com:8000`, service `apigatewaytestproductline`, date 20190917T064708Z,
 * GET without a body. They pin the path, query and header canonicalisation, quirks included.
 */
const published: Array<{ path: string; rawQuery: string; nonce: string; signature: string }> = [
  { path: "/v1/regions/cn-north-1/instances", rawQuery: "", nonce: "  X-Jdcloud-  -Nonce  ", signature: "a03bb8d755cb93e4d8846fe5fcad180f319fa50356f63e8afdc749bd1a95695f" },
  { path: "/v1/regions/cn-north-1/instances", rawQuery: "", nonce: " X-Jdcloud- -Nonce ", signature: "5d955d1de475eac2b4378473ca0adce8fddd13f45d2be53bc2ffb6eee6450ba4" },
  { path: "/v1/regions/cn-north-1/instances", rawQuery: "", nonce: "/`!@#$%^&*()=+/0123456789/[]\\;',<>?:\"{}|/abcdefghijklmnopqrstuvwxyz/ABCDEFGHIJKLMNOPQRSTUVWXYZ/-_.~", signature: "9046b11889b993a808fccf1322f7f04e7e5a7e0cc22d8b65e9986a8aab986ad7" },
  { path: "/v1/regions/cn-north-1/instances", rawQuery: "", nonce: " \\n  as\\r\\n \\r df\\r\\n   ", signature: "b30037126cdc4385e957e24e6d73ea28a8fb66f71ee68b8f60de12d3292d19c6" },
  { path: "/v1/regions/cn-north-1/instances/中文:GET", rawQuery: "", nonce: "X-Jdcloud-Nonce", signature: "936ed2dcb6fb4271ad640e0f46f1fe61763a0bad8bb4f4eb1224261f969612fa" },
  { path: "///v1/regions/cn-north-1/instances//// //`!@#$%^&*()=+/0123456789/[]\\;',<>?:\"{}|/////abcdefghijklmnopqrstuvwxyz//ABCDEFGHIJKLMNOPQRSTUVWXYZ/-_.~:GET/", rawQuery: "", nonce: "X-Jdcloud-Nonce", signature: "92e4897d2a74a899399f5443615ddf110978363b9097932e522e079e6eb5f65b" },
  { path: "/v1/regions/cn-north-1/instances/%20/%60%21%40%23%24%25%5E%26%2A%28%29%3D%2B/0123456789/%5B%5D%5C%5C%3B%27%2C%3C%3E%3F%3A%5C%22%7B%7D%7C/abcdefghijklmnopqrstuvwxyz/ABCDEFGHIJKLMNOPQRSTUVWXYZ/-_.~%3AGET", rawQuery: "", nonce: "X-Jdcloud-Nonce", signature: "027b5bbd35956b84b8773eb450c0405cb4e424eab13f64828926ee41838c48d0" },
  { path: "%2Fv1%2Fregions%2F%2F%2Fcn-north-1%2Finstances", rawQuery: "", nonce: "X-Jdcloud-Nonce", signature: "33df199719f9edc6de860e6b53c61d4824e1f389e6030fd37ddc977fda29e467" },
  { path: "v1/", rawQuery: "", nonce: "X-Jdcloud-Nonce", signature: "035689ae2ce6a3603928ac3d60a6d2fbfb550d33c5da983342a6356419ccd914" },
  { path: "", rawQuery: "", nonce: "X-Jdcloud-Nonce", signature: "44c5ec30b6185516986ae171d8276552bc0f37f6a536a44e4f578958fc1c12be" },
  { path: "v1", rawQuery: "", nonce: "X-Jdcloud-Nonce", signature: "92cd3ed582c13af58b4c81ddad150c350e656c6cc9e78ec154d7385e499b91b6" },
  { path: "/v1%2Fregions/cn-north-1%2F%2F%2Finstances", rawQuery: "", nonce: "X-Jdcloud-Nonce", signature: "33df199719f9edc6de860e6b53c61d4824e1f389e6030fd37ddc977fda29e467" },
  { path: "/v1%2Fregions/cn-north-1%2F%2F%2Finstances/ + /+/ +/+ /%2B%20%2B%2F%2F", rawQuery: "", nonce: "X-Jdcloud-Nonce", signature: "7286237483a7fcc51ff7621c9a5c586a0ec85fd06cbf91c20adde2ec3b5e4d97" },
  { path: "/v1/regions/cn-north-1/instances/ /`!@#$%^&*()=+/0123456789/[]\\;',<>?:\"{}|/abcdefghijklmnopqrstuvwxyz/ABCDEFGHIJKLMNOPQRSTUVWXYZ/-_.~:GET", rawQuery: "", nonce: "X-Jdcloud-Nonce", signature: "925b9455228ef23ee7ec2dd3e33f7e645bcbcb3f4732894c17e4a0cf1d41d1e6" },
  { path: "/v1/%2/%2f/%2b%f", rawQuery: "", nonce: "X-Jdcloud-Nonce", signature: "6610271450ea321baab326f8debc51a2e4dd7e73b04200275a1d9b3897045caf" },
  { path: "/v1/regions/cn-north-1/instances", rawQuery: "中文参数=中文参数值", nonce: "X-Jdcloud-Nonce", signature: "7e3094d23adde49fcc99b7d0de911d7ecaa7767590edd57769d7bdbaca919276" },
  { path: "/v1/regions/cn-north-1/instances", rawQuery: "=a&a=a", nonce: "X-Jdcloud-Nonce", signature: "43efb5fb00e86faf35d8bf0bed3b72e84cfc98ee4754065e29c3caa7bcaa12cb" },
  { path: "/v1/regions/cn-north-1/instances", rawQuery: "=&a=a", nonce: "X-Jdcloud-Nonce", signature: "43efb5fb00e86faf35d8bf0bed3b72e84cfc98ee4754065e29c3caa7bcaa12cb" },
  { path: "/v1/regions/cn-north-1/instances", rawQuery: " =blank&%20=blank&+= 2&%2b= 1&blank= &blank=+&blank=%20", nonce: "X-Jdcloud-Nonce", signature: "78c0a4db84050d773533c78c1a0f73bf974faf5df881e39b18c3e0de8110324e" },
  { path: "/v1/regions/cn-north-1/instances", rawQuery: "aa=aa&aa%3Daa=&aa=aa%3D&aa=&aa=aaa&aaa=aaa&aaa=aa&aaa=a&ab=aa&ab=aa&cc=&cc=&bb=aa&bb=", nonce: "X-Jdcloud-Nonce", signature: "8ccc3c9af11e964b3c5d6020d2af49e97e27fbb23e2b8f57bdc84815e471d54b" },
  { path: "/v1/regions/cn-north-1/instances", rawQuery: "special key=/ /`!@#$%^*()+/0123456789/[]\\;',<>?:\"{}|/abcdefghijklmnopqrstuvwxyz/ABCDEFGHIJKLMNOPQRSTUVWXYZ/-_.~&/ /`!@#$%^*()+/0123456789/[]\\;',<>?:\"{}|/abcdefghijklmnopqrstuvwxyz/ABCDEFGHIJKLMNOPQRSTUVWXYZ/-_.~=special value", nonce: "X-Jdcloud-Nonce", signature: "684a4397896f81eaefbba29c42be66080b32993dce700e1647608a64595fd655" },
  { path: "/v1/regions/cn-north-1/instances", rawQuery: " =blank&%2=blank&+=jia0&%2b=jia1&%2B=jia2&blank= %2b%2f%2/&blank=+&%2/blank=%0%f", nonce: "X-Jdcloud-Nonce", signature: "972987a6f95be456935cde8be8f106114e2ad27465a507644e61f021a98a7218" },
];

/**
 * coc-vm requests signed by the official Python SDK signer (JDCLOUD3 as shipped; JDCLOUD2 with the SDK's own version
 * constants switched, the only difference between the two) for key AKEXAMPLE2024 / SKEXAMPLEsecret/+=,
 * date 20240501T120000Z and nonce 5f0c9c7e-2b1d-4a8e-9f3a-6d2c1b0e7a44.
 */
const cocVm: Array<{
  version: JdcloudVersion;
  name: string;
  method: string;
  host: string;
  path: string;
  rawQuery: string;
  body: string;
  region: string;
  authorization: string;
}> = [
  { version: "JDCLOUD2", name: "GET describeInstances with 1-based filters", method: "GET", host: "coc-vm.jdcloud-api.com", path: "/v1/regions/cn-north-1/instances", rawQuery: "pageNumber=1&pageSize=100&filters.1.name=instanceId&filters.1.values.1=i-7f3k2m9q1a&filters.1.values.2=i-0b8d4e6c2f", body: "", region: "cn-north-1",
    authorization: "JDCLOUD2-HMAC-SHA256 Credential=AKEXAMPLE2024/20240501/cn-north-1/coc-vm/jdcloud2_request, SignedHeaders=content-type;host;x-jdcloud-date;x-jdcloud-nonce, Signature=8b7092e22e41ecfd8fc30d658300f5485f09f9545e889d496e2a9baae125908c" },
  { version: "JDCLOUD2", name: "POST createInstances with a JSON body", method: "POST", host: "coc-vm.jdcloud-api.com", path: "/v1/regions/cn-north-1/instances", rawQuery: "", body: "{\"regionId\": \"cn-north-1\", \"maxCount\": 2, \"clientToken\": \"lf-3c1f9a\", \"instanceSpec\": {\"az\": \"cn-north-1a\", \"instanceType\": \"g.n2.large\", \"imageId\": \"img-cocvm-centos79\", \"name\": \"web-前端.1\", \"primaryNetworkInterface\": {\"vpcId\": \"vpc-cn1-default\", \"subnetId\": \"subnet-cn1-a\", \"securityGroups\": [{\"groupId\": \"sg-cn1-default\"}]}, \"systemDisk\": {\"diskType\": \"ssd.gp1\", \"diskSizeGB\": 40}}}", region: "cn-north-1",
    authorization: "JDCLOUD2-HMAC-SHA256 Credential=AKEXAMPLE2024/20240501/cn-north-1/coc-vm/jdcloud2_request, SignedHeaders=content-type;host;x-jdcloud-date;x-jdcloud-nonce, Signature=a3b8c0b3db857ac5c414d516b5c9a13ab310fc643f708a0aea54893b6cb519ea" },
  { version: "JDCLOUD2", name: "POST an action path with a colon", method: "POST", host: "coc-vm.jdcloud-api.com", path: "/v1/regions/cn-east-2/instances/i-7f3k2m9q1a:modifyInstanceAttribute", rawQuery: "", body: "{\"name\":\"renamed\"}", region: "cn-east-2",
    authorization: "JDCLOUD2-HMAC-SHA256 Credential=AKEXAMPLE2024/20240501/cn-east-2/coc-vm/jdcloud2_request, SignedHeaders=content-type;host;x-jdcloud-date;x-jdcloud-nonce, Signature=5f5bb1a093d4b13ec67eec4e4322a7be1be7e936de5fad7e773210b3733bfda3" },
  { version: "JDCLOUD2", name: "DELETE on a host with a port", method: "DELETE", host: "127.0.0.1:8080", path: "/v1/regions/cn-south-1/instances/i-0b8d4e6c2f", rawQuery: "", body: "", region: "cn-south-1",
    authorization: "JDCLOUD2-HMAC-SHA256 Credential=AKEXAMPLE2024/20240501/cn-south-1/coc-vm/jdcloud2_request, SignedHeaders=content-type;host;x-jdcloud-date;x-jdcloud-nonce, Signature=c6079b51d62275c6c23c42ce34548d448f03665044fe645fd236965ab8004673" },
  { version: "JDCLOUD3", name: "GET describeInstances with 1-based filters", method: "GET", host: "coc-vm.jdcloud-api.com", path: "/v1/regions/cn-north-1/instances", rawQuery: "pageNumber=1&pageSize=100&filters.1.name=instanceId&filters.1.values.1=i-7f3k2m9q1a&filters.1.values.2=i-0b8d4e6c2f", body: "", region: "cn-north-1",
    authorization: "JDCLOUD3-HMAC-SHA256 Credential=AKEXAMPLE2024/20240501/cn-north-1/coc-vm/jdcloud3_request, SignedHeaders=content-type;host;x-jdcloud-date;x-jdcloud-nonce, Signature=486050afe82fad55d0b665d9b190296ccdc964fae54a051970882a3869e2e4a5" },
  { version: "JDCLOUD3", name: "POST createInstances with a JSON body", method: "POST", host: "coc-vm.jdcloud-api.com", path: "/v1/regions/cn-north-1/instances", rawQuery: "", body: "{\"regionId\": \"cn-north-1\", \"maxCount\": 2, \"clientToken\": \"lf-3c1f9a\", \"instanceSpec\": {\"az\": \"cn-north-1a\", \"instanceType\": \"g.n2.large\", \"imageId\": \"img-cocvm-centos79\", \"name\": \"web-前端.1\", \"primaryNetworkInterface\": {\"vpcId\": \"vpc-cn1-default\", \"subnetId\": \"subnet-cn1-a\", \"securityGroups\": [{\"groupId\": \"sg-cn1-default\"}]}, \"systemDisk\": {\"diskType\": \"ssd.gp1\", \"diskSizeGB\": 40}}}", region: "cn-north-1",
    authorization: "JDCLOUD3-HMAC-SHA256 Credential=AKEXAMPLE2024/20240501/cn-north-1/coc-vm/jdcloud3_request, SignedHeaders=content-type;host;x-jdcloud-date;x-jdcloud-nonce, Signature=45c58b2528c48caa8ed1106263fa594a6252cc6e2529a1c172fc0d9bc4b4eccd" },
  { version: "JDCLOUD3", name: "POST an action path with a colon", method: "POST", host: "coc-vm.jdcloud-api.com", path: "/v1/regions/cn-east-2/instances/i-7f3k2m9q1a:modifyInstanceAttribute", rawQuery: "", body: "{\"name\":\"renamed\"}", region: "cn-east-2",
    authorization: "JDCLOUD3-HMAC-SHA256 Credential=AKEXAMPLE2024/20240501/cn-east-2/coc-vm/jdcloud3_request, SignedHeaders=content-type;host;x-jdcloud-date;x-jdcloud-nonce, Signature=768b1a8d9096719300ccbd69466ddb6e3cf8daaded34f02a517a37a3b849a150" },
  { version: "JDCLOUD3", name: "DELETE on a host with a port", method: "DELETE", host: "127.0.0.1:8080", path: "/v1/regions/cn-south-1/instances/i-0b8d4e6c2f", rawQuery: "", body: "", region: "cn-south-1",
    authorization: "JDCLOUD3-HMAC-SHA256 Credential=AKEXAMPLE2024/20240501/cn-south-1/coc-vm/jdcloud3_request, SignedHeaders=content-type;host;x-jdcloud-date;x-jdcloud-nonce, Signature=e3406fc5f6edd9010eb952cb59a188f51a33692d7cb9a236509ff60e1d9c703b" },
];

describe("JDCLOUD signing: the SDK's published vectors", () => {
  test.each(published.map((v, i) => [i + 1, v] as const))("vector %i", (_i, v) => {
    const s = signJdcloud({
      version: "JDCLOUD3",
      method: "GET",
      path: v.path,
      rawQuery: v.rawQuery,
      headers: {
        host: "apigw-internal-dev.cn-north-1.jcloudcs.com:8000",
        "content-type": "application/json",
        "x-jdcloud-date": "20190917T064708Z",
        "x-jdcloud-nonce": v.nonce,
      },
      body: "",
      accessKeyId: "ak",
      secretAccessKey: "sk",
      region: "cn-north-1",
      service: "apigatewaytestproductline",
    });
    expect(s.signature).toBe(v.signature);
    expect(s.authorization).toBe(
      `JDCLOUD3-HMAC-SHA256 Credential=ak/20190917/cn-north-1/apigatewaytestproductline/jdcloud3_request, SignedHeaders=content-type;host;x-jdcloud-date;x-jdcloud-nonce, Signature=${v.signature}`,
    );
  });
});

describe("JDCLOUD signing: coc-vm requests against the official signer", () => {
  test.each(cocVm.map((v) => [`${v.version} ${v.name}`, v] as const))("%s", (_n, v) => {
    const s = signJdcloud({
      version: v.version,
      method: v.method,
      path: v.path,
      rawQuery: v.rawQuery,
      headers: {
        host: v.host,
        "Content-Type": "application/json",
        "User-Agent": "lightfleet",
        "x-jdcloud-date": "20240501T120000Z",
        "x-jdcloud-nonce": "5f0c9c7e-2b1d-4a8e-9f3a-6d2c1b0e7a44",
      },
      body: v.body,
      accessKeyId: "AKEXAMPLE2024",
      secretAccessKey: "SKEXAMPLEsecret/+=",
      region: v.region,
      service: "coc-vm",
    });
    expect(s.authorization).toBe(v.authorization);
    expect(parseJdcloudAuthorization(s.authorization)).toEqual({
      version: v.version,
      accessKeyId: "AKEXAMPLE2024",
      day: "20240501",
      region: v.region,
      service: "coc-vm",
      terminator: `${v.version.toLowerCase()}_request`,
      signedHeaders: ["content-type", "host", "x-jdcloud-date", "x-jdcloud-nonce"],
      signature: s.signature,
    });
  });
});

describe("JDCLOUD canonical forms", () => {
  test.each([
    ["/v1/regions/cn-north-1/instances/i-abc:stopInstance", "/v1/regions/cn-north-1/instances/i-abc%3AstopInstance"],
    ["//v1///regions", "/v1/regions"],
    ["", "/"],
    ["/a+b/%7E", "/a%20b/~"],
  ])("canonicalUri(%j) is %j", (path, want) => expect(canonicalUri(path)).toBe(want));

  test.each([
    ["filters.1.values.2=b&filters.1.values.1=a&filters.1.name=instanceId", "filters.1.name=instanceId&filters.1.values.1=a&filters.1.values.2=b"],
    ["b=2&a=1&flag", "a=1&b=2"],
    ["q=a b&r=x/y", "q=a%20b&r=x%2Fy"],
    ["", ""],
  ])("canonicalQuery(%j) is %j", (q, want) => expect(canonicalQuery(q)).toBe(want));

  test("jdcloudDate formats UTC without separators", () => {
    expect(jdcloudDate(new Date(Date.UTC(2024, 4, 1, 12, 0, 9, 250)))).toBe("20240501T120009Z");
  });

  test.each([
    ["JDCLOUD4-HMAC-SHA256 Credential=a/20240501/r/s/jdcloud2_request, SignedHeaders=host, Signature=" + "0".repeat(64)],
    ["JDCLOUD2-HMAC-SHA256 Credential=a/20240501/r/jdcloud2_request, SignedHeaders=host, Signature=" + "0".repeat(64)],
    ["JDCLOUD2-HMAC-SHA256 Credential=a/20240501/r/s/jdcloud2_request, SignedHeaders=host, Signature=abc"],
    ["Bearer token"],
  ])("parseJdcloudAuthorization rejects %j", (h) => expect(parseJdcloudAuthorization(h)).toBeUndefined());
});
