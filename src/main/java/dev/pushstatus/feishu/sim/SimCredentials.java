package dev.pushstatus.feishu.sim;

import java.util.HexFormat;
import java.util.random.RandomGenerator;

/** The credentials the simulator accepts and the identities it plays. */
public record SimCredentials(String appId, String appSecret, String verificationToken, String encryptKey,
                             String helpdeskId, String helpdeskToken, String botOpenId, String botName,
                             String tenantKey) {

    /** Fresh random credentials, so nothing from a sandbox run works anywhere else. */
    public static SimCredentials sandbox(RandomGenerator random) {
        return new SimCredentials("cli_sandbox" + hex(random, 4), hex(random, 16), hex(random, 16), hex(random, 16),
                "sandbox-helpdesk", hex(random, 16), "ou_" + hex(random, 16), "PushStatusBot", "tenant_" + hex(random, 6));
    }

    /** The same credentials with events sent in plain JSON (no Encrypt Key). */
    public SimCredentials withoutEncryption() {
        return new SimCredentials(appId, appSecret, verificationToken, null, helpdeskId, helpdeskToken, botOpenId,
                botName, tenantKey);
    }

    private static String hex(RandomGenerator random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Override
    public String toString() {
        return "SimCredentials[appId=" + appId + ", secrets=***]";
    }
}
