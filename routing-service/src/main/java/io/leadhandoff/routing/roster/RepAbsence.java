package io.leadhandoff.routing.roster;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An out-of-office period: the rep gets no new leads from its start to its end. */
@Entity
@Table(name = "rep_absence")
public class RepAbsence extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "rep_id", nullable = false)
    public UUID repId;
    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;
    @Column(name = "ends_at", nullable = false)
    public Instant endsAt;
    public String note;
}
