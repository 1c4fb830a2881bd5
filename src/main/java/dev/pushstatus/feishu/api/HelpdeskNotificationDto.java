package dev.pushstatus.feishu.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The {@code data} of the helpdesk GET notification answer, as Feishu spells it. */
record HelpdeskNotificationDto(
        @JsonProperty("notification") NotificationDto notification,
        @JsonProperty("approval_app_link") String approvalAppLink) {

    record NotificationDto(
            @JsonProperty("id") String id,
            @JsonProperty("job_name") String jobName,
            @JsonProperty("status") Integer status,
            @JsonProperty("create_user") UserDto createUser,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("update_user") UserDto updateUser,
            @JsonProperty("updated_at") String updatedAt,
            @JsonProperty("target_user_count") Integer targetUserCount,
            @JsonProperty("sent_user_count") Integer sentUserCount,
            @JsonProperty("read_user_count") Integer readUserCount,
            @JsonProperty("send_at") String sendAt,
            @JsonProperty("push_type") Integer pushType,
            @JsonProperty("push_scope_type") Integer pushScopeType,
            @JsonProperty("new_staff_scope_type") Integer newStaffScopeType,
            @JsonProperty("new_staff_scope_department_list") List<DepartmentDto> newStaffScopeDepartmentList,
            @JsonProperty("user_list") List<UserDto> userList,
            @JsonProperty("department_list") List<DepartmentDto> departmentList,
            @JsonProperty("chat_list") List<ChatDto> chatList) {}

    record UserDto(
            @JsonProperty("user_id") String userId,
            @JsonProperty("avatar_url") String avatarUrl,
            @JsonProperty("name") String name) {}

    record DepartmentDto(
            @JsonProperty("department_id") String departmentId,
            @JsonProperty("name") String name) {}

    record ChatDto(
            @JsonProperty("chat_id") String chatId,
            @JsonProperty("name") String name) {}
}
