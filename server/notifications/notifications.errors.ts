// Refusals of notifications: the bell, the preferences, the e-mail outbox.
import { AppError } from '../../domain/errors/app-error.ts';

export const notificationErrors = {
  notFound: () => new AppError('NOTIFICATION_NOT_FOUND', 'not_found', 'Không tìm thấy thông báo.'),
  /** An API token has no bell, preferences or mailbox of its own. */
  notAUser: () => new AppError('NOT_A_USER', 'forbidden', 'Thông báo dành cho người dùng, không dành cho khóa API.'),
  deliveryNotFound: () => new AppError('DELIVERY_NOT_FOUND', 'not_found', 'Không tìm thấy thư thông báo.'),
  deliveryNotDead: () =>
    new AppError('DELIVERY_NOT_DEAD', 'conflict', 'Chỉ gửi lại được thư đã gửi không được (trạng thái "gửi không được").'),
};
