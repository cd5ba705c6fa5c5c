package org.cosell.portal.web;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.cosell.portal.api.ActivityHistory;
import org.cosell.portal.api.ApiException;
import org.cosell.portal.api.ApiProblem;
import org.cosell.portal.api.CosellApi;
import org.cosell.portal.api.Note;
import org.cosell.portal.api.Opportunity;
import org.cosell.portal.security.PortalUser;
import org.cosell.portal.web.OpportunityForms.Accept;
import org.cosell.portal.web.OpportunityForms.Decline;
import org.cosell.portal.web.OpportunityForms.Edit;
import org.cosell.portal.web.OpportunityForms.Employee;
import org.cosell.portal.web.OpportunityForms.Help;
import org.cosell.portal.web.OpportunityForms.Lost;
import org.cosell.portal.web.OpportunityForms.NewNote;
import org.cosell.portal.web.OpportunityForms.SalesStage;
import org.cosell.portal.web.OpportunityForms.Won;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.SmartValidator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * One opportunity with every field, its history and the partner's notes, and what can be done with
 * it at its stage: accept or decline a received referral; edit, move to another sales stage, ask
 * Microsoft for help, or close an accepted deal as won or lost; add a note to any open one.
 * Archived ones (won, lost, declined, expired) are read-only and say why they closed.
 *
 * <p>A form with mistakes comes back with each one next to its field (status 400), whether the
 * portal found it or the API did. A move the opportunity has outgrown meanwhile (409) shows the
 * opportunity as it now stands. An edit that lost a race (412) keeps the user's values in the form
 * and shows the other person's next to each field that differs, at their version, to save again.
 */
@Controller
class OpportunityController {

    /** How the API names a field of a body, to the form field it came from. */
    private static final Map<String, String> API_FIELDS = Map.ofEntries(
            Map.entry("estimatedValue.amount", "amount"),
            Map.entry("estimatedValue.currency", "currency"),
            Map.entry("estimatedValue", "amount"),
            Map.entry("estimatedCloseDate", "closeDate"),
            Map.entry("registration.finalValue.amount", "finalAmount"),
            Map.entry("registration.finalValue.currency", "finalCurrency"),
            Map.entry("registration.finalValue", "finalAmount"),
            Map.entry("registration.contractSignedDate", "signedDate"),
            Map.entry("registration.customerTenantId", "tenantId"),
            Map.entry("registration.notes", "notes"),
            Map.entry("registration", "finalAmount"),
            Map.entry("customerContact.name", "contactName"),
            Map.entry("customerContact.phone", "contactPhone"),
            Map.entry("customerContact.email", "contactEmail"),
            Map.entry("customerContact", "contactName"),
            Map.entry("consentToShareContact", "consent"));

    private final CosellApi api;

    private final SmartValidator validator;

    private final ApiFieldMessages apiMessages;

    private final ActivitySentences sentences;

    OpportunityController(CosellApi api, SmartValidator validator, ApiFieldMessages apiMessages,
                          ActivitySentences sentences) {
        this.api = api;
        this.validator = validator;
        this.apiMessages = apiMessages;
        this.sentences = sentences;
    }

    @GetMapping("/opportunities/{id}")
    String show(@PathVariable String id, Model model) {
        return page(api.opportunity(id), model);
    }

    @PostMapping("/opportunities/{id}/accept")
    String accept(@PathVariable String id, @ModelAttribute("acceptForm") Accept form, BindingResult errors,
                  @RequestParam(required = false) String addEmployee, Model model, HttpServletResponse response,
                  RedirectAttributes redirect) {
        if (addEmployee != null) {
            if (form.getEmployees().size() < 50) {
                form.getEmployees().add(new Employee());
            }
            model.addAttribute("openForm", "accept");
            return page(api.opportunity(id), model);
        }
        form.dropEmptyEmployees();
        validator.validate(form, errors);
        if (errors.hasErrors()) {
            return invalid(id, "accept", null, model, response);
        }
        try {
            api.accept(id, new CosellApi.AcceptRequest(form.getName(),
                    new CosellApi.Money(new BigDecimal(OpportunityForms.amount(form.getAmount())), upper(form.getCurrency())),
                    form.getCloseDate(), OpportunityForms.blankToNull(form.getNotes()),
                    OpportunityForms.blankToNull(form.getCrmId()), OpportunityForms.blankToNull(form.getCampaignId()),
                    form.getEmployees().stream().map(e -> new CosellApi.Contact(e.getName(), e.getPhone(), e.getEmail())).toList()),
                    form.getIdempotencyKey());
        }
        catch (ApiException e) {
            return refused(id, "accept", e, errors, model, response, redirect);
        }
        return done(id, "accept.done", redirect);
    }

    @PostMapping("/opportunities/{id}/decline")
    String decline(@PathVariable String id, @ModelAttribute("declineForm") Decline form, BindingResult errors,
                   Model model, HttpServletResponse response, RedirectAttributes redirect) {
        validator.validate(form, errors);
        if (!form.getReason().isEmpty() && !OpportunityForms.DECLINE_REASONS.contains(form.getReason())) {
            errors.rejectValue("reason", "field.required");
        }
        if ("OTHER".equals(form.getReason()) && form.getNotes().isBlank()) {
            errors.rejectValue("notes", "field.notesForOther");
        }
        if (errors.hasErrors()) {
            return invalid(id, "decline", null, model, response);
        }
        try {
            api.decline(id, new CosellApi.DeclineRequest(form.getReason(), OpportunityForms.blankToNull(form.getNotes())),
                    form.getIdempotencyKey());
        }
        catch (ApiException e) {
            return refused(id, "decline", e, errors, model, response, redirect);
        }
        return done(id, "decline.done", redirect);
    }

    @PostMapping("/opportunities/{id}/edit")
    String edit(@PathVariable String id, @ModelAttribute("editForm") Edit form, BindingResult errors, Model model,
                HttpServletResponse response, RedirectAttributes redirect) {
        validator.validate(form, errors);
        if (errors.hasErrors()) {
            return invalid(id, "edit", null, model, response);
        }
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("name", form.getName());
        patch.put("estimatedValue", new CosellApi.Money(new BigDecimal(OpportunityForms.amount(form.getAmount())),
                upper(form.getCurrency())));
        patch.put("estimatedCloseDate", form.getCloseDate().toString());
        // an emptied field is removed (null in a merge patch)
        patch.put("notes", OpportunityForms.blankToNull(form.getNotes()));
        patch.put("crmId", OpportunityForms.blankToNull(form.getCrmId()));
        patch.put("campaignId", OpportunityForms.blankToNull(form.getCampaignId()));
        try {
            api.edit(id, patch, form.getVersion());
        }
        catch (ApiException e) {
            if (e.status() == 412) {
                return editConflict(id, form, model, response);
            }
            return refused(id, "edit", e, errors, model, response, redirect);
        }
        return done(id, "edit.done", redirect);
    }

    @PostMapping("/opportunities/{id}/help")
    String askForHelp(@PathVariable String id, @ModelAttribute("helpForm") Help form, BindingResult errors, Model model,
                      HttpServletResponse response, RedirectAttributes redirect) {
        validator.validate(form, errors);
        if (!form.getHelpType().isEmpty() && !OpportunityForms.HELP_TYPES.contains(form.getHelpType())) {
            errors.rejectValue("helpType", "field.required");
        }
        if (!form.isConsent()) {
            errors.rejectValue("consent", "field.consent");
        }
        if (form.hasContact()) {
            for (String part : List.of("contactName", "contactPhone", "contactEmail")) {
                if (String.valueOf(errors.getFieldValue(part)).isBlank() && !errors.hasFieldErrors(part)) {
                    errors.rejectValue(part, "field.required");
                }
            }
        }
        if (errors.hasErrors()) {
            return invalid(id, "help", null, model, response);
        }
        CosellApi.Contact contact = form.hasContact()
                ? new CosellApi.Contact(form.getContactName(), form.getContactPhone(), form.getContactEmail()) : null;
        try {
            api.askForHelp(id, new CosellApi.CosellRequest(form.getHelpType(), form.getNotes().strip(), contact, true));
        }
        catch (ApiException e) {
            return refused(id, "help", e, errors, model, response, redirect);
        }
        return done(id, "help.done", redirect);
    }

    /**
     * Adds a note. With htmx the notes section comes back with the new note on top and "Note added"
     * for the page's alert area (an invalid note's mistake next to the field, as a 200: htmx swaps no
     * error answers); without it, the page.
     */
    @PostMapping("/opportunities/{id}/notes")
    String addNote(@PathVariable String id, @ModelAttribute("noteForm") NewNote form, BindingResult errors, Model model,
                   HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        boolean htmx = request.getHeader("HX-Request") != null;
        validator.validate(form, errors);
        if (!errors.hasErrors()) {
            try {
                api.addNote(id, form.getText().strip());
                if (!htmx) {
                    return done(id, "note.done", redirect);
                }
                model.addAttribute("noteForm", new NewNote());
                model.addAttribute("flash", "note.done");
                return notesAnswer(id, model);
            }
            catch (ApiException e) {
                if (!htmx) {
                    return refused(id, "note", e, errors, model, response, redirect);
                }
                if (e.status() == 409) {
                    // archived meanwhile: the whole page again, which no longer offers the form
                    RequestContextUtils.getOutputFlashMap(request).put("flash", "form.stale");
                    RequestContextUtils.saveOutputFlashMap("/opportunities/" + id, request, response);
                    response.setHeader("HX-Redirect", "/opportunities/" + id);
                    return null;
                }
                if (e.status() != 400) {
                    throw e;
                }
                rejectApiErrors(e, errors);
            }
        }
        if (!htmx) {
            return invalid(id, "note", null, model, response);
        }
        model.addAttribute("openForm", "note");
        model.addAttribute("formError", "form.fix");
        return notesAnswer(id, model);
    }

    private String notesAnswer(String id, Model model) {
        model.addAttribute("o", api.opportunity(id));
        model.addAttribute("notes", notesOf(id));
        return "opportunity :: notesAnswer";
    }

    /** Moves an accepted deal to another sales stage: a merge patch of that one field, as the edit form's. */
    @PostMapping("/opportunities/{id}/sales-stage")
    String changeSalesStage(@PathVariable String id, @ModelAttribute("salesStageForm") SalesStage form,
                            BindingResult errors, Model model, HttpServletResponse response,
                            RedirectAttributes redirect) {
        validator.validate(form, errors);
        if (!form.getSalesStage().isEmpty() && !Opportunity.SALES_STAGES.contains(form.getSalesStage())) {
            errors.rejectValue("salesStage", "field.required");
        }
        if (errors.hasErrors()) {
            return invalid(id, "salesStage", null, model, response);
        }
        try {
            api.edit(id, Map.of("salesStage", form.getSalesStage()), form.getVersion());
        }
        catch (ApiException e) {
            if (e.status() == 412) {
                // someone changed the deal meanwhile: the page shows its stage now, to choose again
                redirect.addFlashAttribute("flash", "salesStage.conflict");
                return "redirect:/opportunities/" + id;
            }
            return refused(id, "salesStage", e, errors, model, response, redirect);
        }
        return done(id, "salesStage.done", redirect);
    }

    @PostMapping("/opportunities/{id}/won")
    String won(@PathVariable String id, @ModelAttribute("wonForm") Won form, BindingResult errors, Model model,
               HttpServletResponse response, RedirectAttributes redirect) {
        validator.validate(form, errors);
        if (form.hasRegistration()) {
            if (form.getFinalAmount().isBlank()) {
                errors.rejectValue("finalAmount", "field.required");
            }
            if (form.getFinalCurrency().isBlank()) {
                errors.rejectValue("finalCurrency", "field.required");
            }
            if (form.getSignedDate() == null && !errors.hasFieldErrors("signedDate")) {
                errors.rejectValue("signedDate", "field.date");
            }
        }
        if (errors.hasErrors()) {
            return invalid(id, "won", null, model, response);
        }
        CosellApi.Registration registration = form.hasRegistration() ? new CosellApi.Registration(
                new CosellApi.Money(new BigDecimal(OpportunityForms.amount(form.getFinalAmount())), upper(form.getFinalCurrency())),
                form.getSignedDate(), OpportunityForms.blankToNull(form.getTenantId()),
                OpportunityForms.blankToNull(form.getNotes())) : null;
        try {
            api.markWon(id, new CosellApi.WonRequest(registration), form.getIdempotencyKey());
        }
        catch (ApiException e) {
            return refused(id, "won", e, errors, model, response, redirect);
        }
        return done(id, "won.done", redirect);
    }

    @PostMapping("/opportunities/{id}/lost")
    String lost(@PathVariable String id, @ModelAttribute("lostForm") Lost form, BindingResult errors, Model model,
                HttpServletResponse response, RedirectAttributes redirect) {
        validator.validate(form, errors);
        if (!form.getReason().isEmpty() && !OpportunityForms.LOST_REASONS.contains(form.getReason())) {
            errors.rejectValue("reason", "field.required");
        }
        if (errors.hasErrors()) {
            return invalid(id, "lost", null, model, response);
        }
        try {
            api.markLost(id, new CosellApi.LostRequest(form.getReason(), OpportunityForms.blankToNull(form.getNotes())),
                    form.getIdempotencyKey());
        }
        catch (ApiException e) {
            return refused(id, "lost", e, errors, model, response, redirect);
        }
        return done(id, "lost.done", redirect);
    }

    /** The page, with a fresh form for every move its stage allows that the model does not hold yet. */
    private String page(Opportunity opportunity, Model model) {
        model.addAttribute("o", opportunity);
        model.addAttribute("declineReasons", OpportunityForms.DECLINE_REASONS);
        model.addAttribute("lostReasons", OpportunityForms.LOST_REASONS);
        model.addAttribute("helpTypes", OpportunityForms.HELP_TYPES);
        model.addAttribute("salesStages", Opportunity.SALES_STAGES);
        CosellApi.Both<ActivityHistory, List<Note>> history = api.together(
                () -> activityOf(opportunity.id()), () -> notesOf(opportunity.id()));
        ActivityHistory activity = history.first();
        model.addAttribute("activity", activity == null ? null : sentences.of(activity.items()));
        model.addAttribute("activityOmitted", activity == null ? 0 : activity.omitted());
        model.addAttribute("notes", history.second());
        if (!model.containsAttribute("noteForm")) {
            model.addAttribute("noteForm", new NewNote());
        }
        if (opportunity.isReceived()) {
            model.addAttribute("acceptForm", model.containsAttribute("acceptForm")
                    ? model.getAttribute("acceptForm") : acceptFormFor(opportunity));
            if (!model.containsAttribute("declineForm")) {
                model.addAttribute("declineForm", new Decline());
            }
        }
        if (opportunity.isAccepted()) {
            if (!model.containsAttribute("editForm")) {
                model.addAttribute("editForm", editFormFor(opportunity));
            }
            if (!model.containsAttribute("salesStageForm")) {
                SalesStage salesStage = new SalesStage();
                salesStage.setVersion(opportunity.version());
                salesStage.setSalesStage(opportunity.shownSalesStage());
                model.addAttribute("salesStageForm", salesStage);
            }
            for (Map.Entry<String, Object> blank : Map.<String, Object>of("helpForm", new Help(), "wonForm", new Won(),
                    "lostForm", new Lost()).entrySet()) {
                if (!model.containsAttribute(blank.getKey())) {
                    model.addAttribute(blank.getKey(), blank.getValue());
                }
            }
        }
        return "opportunity";
    }

    /** The history, or {@code null} where the API (an older one, answering 404) keeps none: the page says so. */
    private ActivityHistory activityOf(String id) {
        return unlessMissing(() -> api.activity(id));
    }

    /** The notes, newest first, or {@code null} where the API (an older one, answering 404) keeps none. */
    private List<Note> notesOf(String id) {
        return unlessMissing(() -> api.notes(id));
    }

    /** What {@code call} answers, or {@code null} when the API has no such resource (404). */
    private static <T> T unlessMissing(Supplier<T> call) {
        try {
            return call.get();
        }
        catch (ApiException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    /** Prefilled with what the sender suggested, and the signed-in user as the first team member. */
    private static Accept acceptFormFor(Opportunity opportunity) {
        Accept form = new Accept();
        form.setName(opportunity.name());
        if (opportunity.estimatedValue() != null) {
            form.setAmount(opportunity.estimatedValue().amount() == null ? ""
                    : opportunity.estimatedValue().amount().toPlainString());
            form.setCurrency(opportunity.estimatedValue().currency());
        }
        form.setCloseDate(opportunity.estimatedCloseDate());
        PortalUser user = PortalUser.current();
        form.getEmployees().add(user == null ? new Employee() : new Employee(user.name(), "", user.email()));
        return form;
    }

    private static Edit editFormFor(Opportunity opportunity) {
        Edit form = new Edit();
        form.setVersion(opportunity.version());
        form.setName(opportunity.name());
        if (opportunity.estimatedValue() != null) {
            form.setAmount(opportunity.estimatedValue().amount() == null ? ""
                    : opportunity.estimatedValue().amount().toPlainString());
            form.setCurrency(opportunity.estimatedValue().currency());
        }
        form.setCloseDate(opportunity.estimatedCloseDate());
        form.setNotes(opportunity.notes());
        form.setCrmId(opportunity.crmId());
        form.setCampaignId(opportunity.campaignId());
        return form;
    }

    private String invalid(String id, String openForm, String message, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("openForm", openForm);
        model.addAttribute("formError", message == null ? "form.fix" : message);
        return page(api.opportunity(id), model);
    }

    /**
     * The API said no. 400: its field errors next to the fields. 409: the opportunity moved on; it is
     * shown as it is now. Others (401, 403, 404, 422, 5xx) are the error pages' to answer.
     */
    private String refused(String id, String openForm, ApiException e, BindingResult errors, Model model,
                           HttpServletResponse response, RedirectAttributes redirect) {
        if (e.status() == 400) {
            rejectApiErrors(e, errors);
            return invalid(id, openForm, null, model, response);
        }
        if (e.status() == 409) {
            redirect.addFlashAttribute("flash", "form.stale");
            return "redirect:/opportunities/" + id;
        }
        throw e;
    }

    /** A 400's field errors next to their fields (the API's paths mapped to the form's), the others above the form. */
    private void rejectApiErrors(ApiException e, BindingResult errors) {
        for (ApiProblem.FieldError error : e.problem().errors()) {
            String field = API_FIELDS.getOrDefault(error.field(), error.field());
            if (field != null && errors.getFieldType(field) != null) {
                errors.rejectValue(field, "api", apiMessages.translate(error.message()));
            }
            else {
                errors.reject("api", apiMessages.translate(error.message()));
            }
        }
        if (e.problem().errors().isEmpty()) {
            errors.reject("api", Objects.requireNonNullElse(e.problem().detail(), "The request was refused."));
        }
    }

    private String editConflict(String id, Edit mine, Model model, HttpServletResponse response) {
        Opportunity theirs = api.opportunity(id);
        if (!theirs.isAccepted()) {
            return page(theirs, model);
        }
        Edit current = editFormFor(theirs);
        Map<String, String> differs = new LinkedHashMap<>();
        compare(differs, "name", mine.getName(), current.getName());
        compare(differs, "amount", OpportunityForms.amount(mine.getAmount()), current.getAmount());
        compare(differs, "currency", upper(mine.getCurrency()), current.getCurrency());
        compare(differs, "closeDate", String.valueOf(mine.getCloseDate()), String.valueOf(current.getCloseDate()));
        compare(differs, "notes", mine.getNotes(), current.getNotes());
        compare(differs, "crmId", mine.getCrmId(), current.getCrmId());
        compare(differs, "campaignId", mine.getCampaignId(), current.getCampaignId());
        mine.setVersion(theirs.version());
        response.setStatus(HttpStatus.CONFLICT.value());
        model.addAttribute("theirs", differs);
        model.addAttribute("openForm", "edit");
        model.addAttribute("formError", "edit.conflict");
        return page(theirs, model);
    }

    private static void compare(Map<String, String> differs, String field, String mine, String theirs) {
        String a = mine == null ? "" : mine.strip();
        String b = theirs == null ? "" : theirs.strip();
        boolean same = field.equals("amount") && !a.isEmpty() && !b.isEmpty()
                ? new BigDecimal(a).compareTo(new BigDecimal(b)) == 0 : a.equals(b);
        if (!same) {
            differs.put(field, b);
        }
    }

    private static String done(String id, String message, RedirectAttributes redirect) {
        redirect.addFlashAttribute("flash", message);
        return "redirect:/opportunities/" + id;
    }

    private static String upper(String currency) {
        return currency.toUpperCase(Locale.ROOT);
    }
}
