package io.leadhandoff.common.security;

/** Role names carried in OIDC tokens (Keycloak realm roles). */
public final class Roles {
    public static final String MARKETING = "marketing";
    public static final String SALES_REP = "sales-rep";
    public static final String SALES_MANAGER = "sales-manager";
    public static final String REVOPS_ADMIN = "revops-admin";
    /** Service accounts of other internal systems (forms, marketing automation, CRM). */
    public static final String INTEGRATION = "integration";

    private Roles() {
    }
}
