package org.cosell.deal.opportunity.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.cosell.contracts.common.SalesStage;
import org.cosell.deal.opportunity.domain.DealTerms;
import org.cosell.support.web.InvalidFieldsException;
import org.cosell.support.web.Problems;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A JSON merge patch (RFC 7396) of a deal's editable fields. Only the allow-listed fields may be
 * named: a patch naming anything else (stage, origin, partner, id, the customer's identity) is
 * refused whole before the deal is read, so nothing of it is ever applied. The patched deal must
 * then meet the same rules as a new one, except that a close date already in the past may stay.
 * Beside the terms a patch may move the deal's {@code salesStage}, which is no term of the deal and
 * cannot be removed, only set.
 */
final class DealMergePatch {

    private static final Set<String> EDITABLE = Set.of("name", "estimatedValue", "estimatedCloseDate", "notes", "crmId",
            "campaignId", "employees", "solutions", "customer");
    private static final Set<String> EDITABLE_CUSTOMER = Set.of("contact", "consentToShareContact");
    private static final String SALES_STAGE = "salesStage";

    private final ObjectNode patch;
    private final SalesStage salesStage;
    private final JsonMapper json;
    private final Validator validator;
    private final Clock clock;

    private DealMergePatch(ObjectNode patch, SalesStage salesStage, JsonMapper json, Validator validator, Clock clock) {
        this.patch = patch;
        this.salesStage = salesStage;
        this.json = json;
        this.validator = validator;
        this.clock = clock;
    }

    /** @throws InvalidFieldsException naming every field the patch may not touch */
    static DealMergePatch of(JsonNode body, JsonMapper json, Validator validator, Clock clock) {
        if (body == null || !body.isObject()) {
            throw new InvalidFieldsException(List.of(new Problems.FieldError("", "must be a JSON object (merge patch)")));
        }
        List<Problems.FieldError> refused = new ArrayList<>();
        SalesStage salesStage = null;
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            String name = field.getKey();
            if (name.equals(SALES_STAGE)) {
                salesStage = salesStage(field.getValue());
                if (salesStage == null) {
                    refused.add(new Problems.FieldError(name, "must be one of " + Arrays.toString(SalesStage.values())));
                }
            } else if (!EDITABLE.contains(name)) {
                refused.add(new Problems.FieldError(name, "is not editable"));
            } else if (name.equals("customer")) {
                if (!field.getValue().isObject()) {
                    refused.add(new Problems.FieldError(name, "only contact and consentToShareContact are editable"));
                } else {
                    for (String customerField : field.getValue().propertyNames()) {
                        if (!EDITABLE_CUSTOMER.contains(customerField)) {
                            refused.add(new Problems.FieldError("customer." + customerField, "is not editable"));
                        }
                    }
                }
            }
        }
        if (!refused.isEmpty()) {
            throw new InvalidFieldsException(refused);
        }
        ObjectNode terms = ((ObjectNode) body).deepCopy();
        terms.remove(SALES_STAGE);
        return new DealMergePatch(terms, salesStage, json, validator, clock);
    }

    private static SalesStage salesStage(JsonNode value) {
        return value.isString() ? Arrays.stream(SalesStage.values())
                .filter(candidate -> candidate.name().equals(value.asString())).findFirst().orElse(null) : null;
    }

    /** The sales stage the patch moves the deal to, or {@code null} when it leaves it. */
    SalesStage salesStage() {
        return salesStage;
    }

    /** Whether the patch is about the deal's terms, as any patch that does not only move the sales stage is. */
    boolean changesTerms() {
        return salesStage == null || !patch.isEmpty();
    }

    /** @throws InvalidFieldsException naming every field the patched deal gets wrong */
    DealTerms applyTo(DealTerms current) {
        JsonNode merged = merge(json.valueToTree(EditableDeal.of(current)), patch);
        EditableDeal edited;
        try {
            edited = json.treeToValue(merged, EditableDeal.class);
        } catch (DatabindException mistyped) {
            throw new InvalidFieldsException(List.of(Problems.FieldError.mistyped(mistyped)));
        } catch (JacksonException unreadable) {
            throw new InvalidFieldsException(List.of(new Problems.FieldError("", "is not a valid deal")));
        }
        List<Problems.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<EditableDeal> violation : validator.validate(edited)) {
            errors.add(new Problems.FieldError(violation.getPropertyPath().toString(), violation.getMessage()));
        }
        LocalDate closeDate = edited.estimatedCloseDate();
        if (closeDate != null && !Objects.equals(closeDate, current.deal().estimatedCloseDate())
                && closeDate.isBefore(LocalDate.now(clock))) {
            errors.add(new Problems.FieldError("estimatedCloseDate", "must be a date in the present or in the future"));
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(Problems.FieldError::field));
            throw new InvalidFieldsException(errors);
        }
        return edited.toTerms();
    }

    /** RFC 7396: objects merge member by member, {@code null} removes, anything else replaces. */
    private static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : ((ObjectNode) patch).objectNode();
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            if (member.getValue().isNull()) {
                result.remove(member.getKey());
            } else {
                result.set(member.getKey(), merge(result.get(member.getKey()), member.getValue()));
            }
        }
        return result;
    }
}
