package dev.pushstatus.feishu.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The app and helpdesk credentials; toString never shows a secret. */
public record FeishuCredentials(String appId, String appSecret, String helpdeskId, String helpdeskToken) {

    /** The value of {@code X-Lark-Helpdesk-Authorization}: base64(helpdesk_id:helpdesk_token). */
    public String helpdeskAuthorization() {
        return Base64.getEncoder().encodeToString((helpdeskId + ":" + helpdeskToken).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "FeishuCredentials[appId=" + appId + ", appSecret=***, helpdeskId=" + helpdeskId + ", helpdeskToken=***]";
    }
}
