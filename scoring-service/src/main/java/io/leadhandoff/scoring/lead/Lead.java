package io.leadhandoff.scoring.lead;

import io.leadhandoff.common.event.LifecycleStage;
import io.leadhandoff.common.event.Priority;
import io.leadhandoff.scoring.model.ScoreLine;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "lead")
public class Lead extends PanacheEntityBase {

    @Id
    public UUID id;
    /** Normalised (trimmed, lower case): the identity of a lead. */
    @Column(nullable = false, unique = true)
    public String email;
    @Column(name = "first_name")
    public String firstName;
    @Column(name = "last_name")
    public String lastName;
    @Column(name = "job_title")
    public String jobTitle;
    public String seniority;
    @Column(name = "company_name")
    public String companyName;
    @Column(name = "company_domain")
    public String companyDomain;
    public String industry;
    public Integer employees;
    public String country;
    public String source;
    public String campaign;

    @Column(name = "fit_score")
    public int fitScore;
    @Column(name = "intent_score")
    public int intentScore;
    @Column(name = "disqualification_score")
    public int disqualificationScore;
    @Column(name = "total_score")
    public int totalScore;
    /**
     * The rules behind the scores when the lead was scored in this request; not stored (it is most of
     * a lead row and every touch rewrites it): a read computes it from the activity, as of then.
     */
    @jakarta.persistence.Transient
    public List<ScoreLine> scoreBreakdown = new ArrayList<>();
    @Column(name = "model_version")
    public Integer modelVersion;
    /** A, B or C from the fit score and the model's fit bands. */
    @Column(name = "fit_tier")
    public String fitTier;
    /** When LeadQualified went to sales; null for an MQL kept in nurture (two-tier policy). */
    @Column(name = "handed_off_at")
    public Instant handedOffAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "lifecycle_stage", nullable = false)
    public LifecycleStage lifecycleStage;
    @Enumerated(EnumType.STRING)
    public Priority priority;
    @Column(name = "mql_reason")
    public String mqlReason;
    @Column(name = "qualified_at")
    public Instant qualifiedAt;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    /** From routing's LeadAssigned: the owner and the team's manager, who may read the lead. */
    @Column(name = "owner_login")
    public String ownerLogin;
    @Column(name = "manager_login")
    public String managerLogin;
    @Column(name = "team_name")
    public String teamName;

    /** Any other field the senders gave (custom fields, extra form questions), by name. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public java.util.Map<String, Object> attributes = new java.util.LinkedHashMap<>();

    /** When sales last sent it back to marketing (recycled): it qualifies again only on intent earned since. */
    @Column(name = "recycled_at")
    public Instant recycledAt;

    /** The lead this one was merged into (same person); its e-mail finds that lead from then on. */
    @Column(name = "merged_into")
    public UUID mergedInto;

    /** The account the lead belongs to: its company domain, or its e-mail's domain unless that is a personal one. */
    @Column(name = "account_domain")
    public String accountDomain;

    /**
     * What the model's behaviour rules see of the lead's touches ({@code TouchHistory} as bytes), kept
     * so that new touches are scored without reading the lead's history. Read and written by
     * {@code LeadRows} only; null when not read (the history is then built from the activity).
     */
    @jakarta.persistence.Transient
    public byte[] scoringTouches;

    /** What scoring decides about the lead: when this is unchanged after a scoring, nothing needs writing. */
    public Object scoreState() {
        return java.util.Arrays.asList(fitScore, intentScore, disqualificationScore, totalScore, modelVersion, fitTier,
                accountDomain, lifecycleStage, priority, mqlReason, qualifiedAt, handedOffAt,
                scoringTouches == null ? null : java.nio.ByteBuffer.wrap(scoringTouches));
    }

    public String accountDomainOf() {
        if (companyDomain != null && !companyDomain.isBlank()) {
            return companyDomain;
        }
        String domain = emailDomain();
        return io.leadhandoff.scoring.model.CompiledModel.SHIPPED_PERSONAL_DOMAINS.contains(domain) ? null : domain;
    }

    /** The part after the @ of the (normalised) email. */
    public String emailDomain() {
        return email.substring(email.indexOf('@') + 1);
    }
}
