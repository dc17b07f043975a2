package io.leadhandoff.scoring.activity;


import io.leadhandoff.common.validation.EmailAddress;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;

/** A behavioural event as the website, forms or marketing automation send it. */
public record ActivityRequest(
        @NotBlank @Size(max = 200) String eventId,
        @NotBlank @EmailAddress String email,
        @NotBlank @Size(max = 100) @Pattern(regexp = "[a-z0-9_.-]+", message = "must be lower-case letters, digits, _ . -") String type,
        @Size(max = 2000) String url,
        @NotNull Instant occurredAt,
        Map<String, Object> properties) {
}
