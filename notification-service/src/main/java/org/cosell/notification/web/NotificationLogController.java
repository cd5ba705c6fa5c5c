package org.cosell.notification.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.cosell.notification.delivery.Notification;
import org.cosell.notification.delivery.NotificationStore;
import org.cosell.support.security.Caller;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's partner's mails, newest first: what was sent, skipped, failed or is still pending. */
@RestController
public class NotificationLogController {

    private final NotificationStore store;

    public NotificationLogController(NotificationStore store) {
        this.store = store;
    }

    @GetMapping("/api/notifications")
    PageResponse<NotificationView> list(Caller caller,
                                        @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
                                        @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        Page<Notification> result = store.forPartner(caller.partnerId(), PageRequest.of(page, size));
        return new PageResponse<>(result.map(NotificationView::of).getContent(), page, size,
                result.getTotalElements());
    }
}
