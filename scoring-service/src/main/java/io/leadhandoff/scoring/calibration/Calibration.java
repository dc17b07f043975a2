package io.leadhandoff.scoring.calibration;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A stored calibration: what was asked and what the fit found. */
@Entity
@Table(name = "calibration")
public class Calibration extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "created_by", nullable = false)
    public String createdBy;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Calibrator.Settings settings;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Calibrator.Result result;
}
