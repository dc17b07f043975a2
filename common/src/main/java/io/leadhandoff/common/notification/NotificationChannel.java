package io.leadhandoff.common.notification;

/** How a notification travels: an e-mail over SMTP, or a POST to a Slack-compatible incoming webhook. */
public enum NotificationChannel { EMAIL, WEBHOOK }
