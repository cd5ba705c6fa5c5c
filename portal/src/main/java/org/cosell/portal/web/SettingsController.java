package org.cosell.portal.web;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletResponse;
import org.cosell.portal.api.ApiException;
import org.cosell.portal.api.ApiProblem;
import org.cosell.portal.api.CatalogSolution;
import org.cosell.portal.api.CosellApi;
import org.cosell.portal.api.NotificationPage;
import org.cosell.portal.web.SettingsForms.NewSolution;
import org.cosell.portal.web.SettingsForms.Recipients;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.SmartValidator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The partner admin's page (the portal lets only {@code MPN_PARTNER_ADMIN} in): who receives the
 * referral e-mails and the language of the mails to the partner's people, the log of every e-mail sent for the partner, and the partner's own solutions
 * for its catalog. Mistakes the API finds come back next to their field, like the portal's own.
 */
@Controller
class SettingsController {

    static final int LOG_PAGE_SIZE = 20;

    /** {@code referralRecipients[3]}: the API names a wrong address by its place in the list. */
    private static final Pattern RECIPIENT = Pattern.compile("referralRecipients\\[(\\d+)]");

    private final CosellApi api;

    private final SmartValidator validator;

    private final ApiFieldMessages apiMessages;

    SettingsController(CosellApi api, SmartValidator validator, ApiFieldMessages apiMessages) {
        this.api = api;
        this.validator = validator;
        this.apiMessages = apiMessages;
    }

    @GetMapping("/settings")
    String settings(@RequestParam(defaultValue = "0") String page, Model model) {
        if (!model.containsAttribute("recipientsForm")) {
            CosellApi.NotificationSettings saved = api.notificationSettings();
            Recipients form = new Recipients();
            form.setAddresses(String.join("\n", saved.referralRecipients()));
            form.setLanguage(saved.language());
            model.addAttribute("recipientsForm", form);
        }
        model.addAttribute("mailLanguages", SettingsForms.MAIL_LANGUAGES);
        if (!model.containsAttribute("solutionForm")) {
            model.addAttribute("solutionForm", new NewSolution());
        }
        NotificationPage log = api.notifications(pageNumber(page), LOG_PAGE_SIZE);
        model.addAttribute("log", log);
        model.addAttribute("ownSolutions", api.solutions(null, "PARTNER").stream().filter(CatalogSolution::own).toList());
        return "settings";
    }

    @PostMapping("/settings/recipients")
    String saveRecipients(@ModelAttribute("recipientsForm") Recipients form, BindingResult errors, Model model,
                          HttpServletResponse response, RedirectAttributes redirect) {
        List<String> addresses = form.list();
        if (addresses.size() > SettingsForms.MAX_RECIPIENTS) {
            errors.rejectValue("addresses", "settings.recipients.tooMany", new Object[] { SettingsForms.MAX_RECIPIENTS }, null);
            return invalid("recipients", model, response);
        }
        try {
            api.saveNotificationSettings(addresses, form.getLanguage());
        }
        catch (ApiException e) {
            if (e.status() != HttpStatus.BAD_REQUEST.value()) {
                throw e;
            }
            for (ApiProblem.FieldError error : e.problem().errors()) {
                Matcher place = RECIPIENT.matcher(String.valueOf(error.field()));
                if (place.matches() && Integer.parseInt(place.group(1)) < addresses.size()) {
                    String address = addresses.get(Integer.parseInt(place.group(1)));
                    errors.rejectValue("addresses", "settings.recipients.invalid",
                            new Object[] { address, apiMessages.translate(error.message()) }, null);
                }
                else if ("language".equals(error.field())) {
                    errors.rejectValue("language", "api", apiMessages.translate(error.message()));
                }
                else {
                    errors.rejectValue("addresses", "api", apiMessages.translate(error.message()));
                }
            }
            if (!errors.hasErrors()) {
                errors.rejectValue("addresses", "api", e.problem().detail());
            }
            return invalid("recipients", model, response);
        }
        redirect.addFlashAttribute("flash", "settings.recipients.saved");
        return "redirect:/settings";
    }

    @PostMapping("/settings/solutions")
    String addSolution(@ModelAttribute("solutionForm") NewSolution form, BindingResult errors, Model model,
                       HttpServletResponse response, RedirectAttributes redirect) {
        validator.validate(form, errors);
        if (errors.hasErrors()) {
            return invalid("solution", model, response);
        }
        try {
            api.addSolution(new CosellApi.NewSolution(form.getName(), "PARTNER", form.isRegistrationEligible()));
        }
        catch (ApiException e) {
            if (e.status() == HttpStatus.CONFLICT.value()) {
                errors.rejectValue("name", "settings.solution.taken");
                return invalid("solution", model, response);
            }
            if (e.status() != HttpStatus.BAD_REQUEST.value()) {
                throw e;
            }
            for (ApiProblem.FieldError error : e.problem().errors()) {
                String field = "registrationEligible".equals(error.field()) ? "registrationEligible" : "name";
                errors.rejectValue(field, "api", apiMessages.translate(error.message()));
            }
            if (!errors.hasErrors()) {
                errors.rejectValue("name", "api", e.problem().detail());
            }
            return invalid("solution", model, response);
        }
        redirect.addFlashAttribute("flash", "settings.solution.added");
        return "redirect:/settings";
    }

    private String invalid(String openForm, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("openForm", openForm);
        model.addAttribute("formError", "form.fix");
        return settings("0", model);
    }

    private static int pageNumber(String page) {
        try {
            return Math.max(0, Math.min(Integer.parseInt(page), 10_000));
        }
        catch (NumberFormatException e) {
            return 0;
        }
    }
}
