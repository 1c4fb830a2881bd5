package dev.pushstatus.feishu.api;

/** Helpdesk GET answers as Feishu sends them. */
final class HelpdeskAnswers {

    /** The example answer of Feishu's helpdesk notification API document, verbatim (docs/feishu.md, "The helpdesk notification GET"). */
    static final String SEED_EXAMPLE = """
            {
                "code": 0,
                "msg": "success",
                "data": {
                    "notification": {
                        "id": "6981801914270744596",
                        "job_name": "测试推送任务",
                        "status": 0,
                        "create_user": {
                            "user_id": "ou_7277fd1262bfafc363d5b2a1f9c2ac90",
                            "avatar_url": "http://*.com/*.png",
                            "name": "test"
                        },
                        "created_at": "1626332244719",
                        "update_user": {
                            "user_id": "ou_7277fd1262bfafc363d5b2a1f9c2ac90",
                            "avatar_url": "http://*.com/*.png",
                            "name": "test"
                        },
                        "updated_at": "1626332244719",
                        "target_user_count": 1,
                        "sent_user_count": 1,
                        "read_user_count": 1,
                        "send_at": "1626332244719",
                        "push_content": "{   \\"config\\": {     \\"wide_screen_mode\\": true   },   \\"elements\\": [     {       \\"tag\\": \\"div\\",       \\"text\\": {         \\"tag\\": \\"lark_md\\",         \\"content\\": \\"[飞书](https://www.feishu.cn)整合即时沟通、日历、音视频会议、云文档、云盘、工作台等功能于一体，成就组织和个人，更高效、更愉悦。\\"       }     }   ] }",
                        "push_type": 0,
                        "push_scope_type": 0,
                        "new_staff_scope_type": 0,
                        "new_staff_scope_department_list": [
                            {
                                "department_id": "od_7277fd1262bfafc363d5b2a1f9c2ac90",
                                "name": "测试部门"
                            }
                        ],
                        "user_list": [
                            {
                                "user_id": "ou_7277fd1262bfafc363d5b2a1f9c2ac90",
                                "avatar_url": "http://*.com/*.png",
                                "name": "test"
                            }
                        ],
                        "department_list": [
                            {
                                "department_id": "od_7277fd1262bfafc363d5b2a1f9c2ac90",
                                "name": "测试部门"
                            }
                        ],
                        "chat_list": [
                            {
                                "chat_id": "oc_7277fd1262bfafc363d5b2a1f9c2ac90",
                                "name": "测试群聊"
                            }
                        ],
                        "ext": "{}"
                    },
                    "approval_app_link": "http://applink.feishu.cn/*xx"
                }
            }
            """;

    /** A fresh push as the SDK example shows it: nothing sent yet, most optional fields absent or empty. */
    static final String SPARSE = """
            {"code":0,"msg":"success","data":{"notification":{
              "id":"6981801914270744596","job_name":"draft","status":0,"created_at":"","updated_at":"",
              "send_at":"","push_content":"{}","push_type":0,"push_scope_type":2,"new_staff_scope_type":null,
              "user_list":null,"department_list":null,"chat_list":null,"new_staff_scope_department_list":null,
              "helpdesk_id":"123","instance_code":"x","tenant_id":"y"},
              "approval_app_link":""}}
            """;

    private HelpdeskAnswers() {
    }

    static String error(int code, String msg) {
        return "{\"code\":" + code + ",\"msg\":\"" + msg + "\",\"data\":{}}";
    }
}
