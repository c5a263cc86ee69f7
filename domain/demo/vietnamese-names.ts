/** Word lists for plausible Vietnamese unit and enterprise names in demo data. */

export const BRAND_WORDS = [
  'Phú Thịnh', 'Thành Công', 'Hoàng Gia', 'Minh Phát', 'Tân Hưng', 'Việt Thắng', 'An Phát', 'Hưng Thịnh',
  'Đại Phong', 'Phước Lộc', 'Kim Long', 'Thiên Ân', 'Bảo Minh', 'Quang Vinh', 'Hòa Bình', 'Trường Sơn',
  'Nam Việt', 'Đông Á', 'Sao Mai', 'Thuận Phát', 'Gia Huy', 'Tấn Đạt', 'Phúc Hưng', 'Long Hải',
  'Ánh Dương', 'Hồng Phúc', 'Lộc Thành', 'Vĩnh Tiến', 'Đức Thành', 'Tiến Phát', 'Hải Đăng', 'Thái Bình',
  'Mỹ Hưng', 'Thắng Lợi', 'Nhật Quang', 'Tân Thành', 'Đồng Tiến', 'Toàn Cầu', 'Hưng Long', 'Ngọc Bích',
] as const;

export const PRIVATE_INDUSTRIES = [
  'May', 'May mặc', 'Giày da', 'Chế biến gỗ', 'Chế biến nông sản', 'Chế biến tinh bột sắn', 'Xây dựng',
  'Thương mại Dịch vụ', 'Cơ khí', 'Bao bì', 'Thực phẩm', 'Vận tải', 'Nhựa', 'Điện tử', 'Dệt', 'Cao su',
  'Vật liệu xây dựng', 'Thức ăn chăn nuôi', 'Đường', 'Dược phẩm',
] as const;

export const COMPANY_FORMS = ['Công ty TNHH', 'Công ty Cổ phần', 'Công ty TNHH MTV', 'Doanh nghiệp tư nhân'] as const;

export const FDI_NAMES = [
  'Hwaseung', 'Dongwon', 'Sunrise', 'Toyo', 'Kyung Bang', 'Jiangsu', 'Brotex', 'Daewon', 'Shin Sung',
  'Hansae', 'Pou Chen', 'Chutex', 'Sailun', 'Kumho', 'Haivina', 'Yazaki', 'Nitori', 'Ever Glory',
  'Tai Yang', 'Sheng Hung', 'Camel', 'Greenland', 'Acecook', 'Uniben', 'Wonderful', 'Viet Hong Kong',
  'Starlight', 'Meiko', 'Taekwang', 'Crystal Martin',
] as const;

export const FDI_INDUSTRIES = ['Textile', 'Footwear', 'Electronics', 'Tire', 'Garment', 'Furniture', 'Packaging', 'Food'] as const;

export const SCHOOL_KINDS = ['Trường Mầm non', 'Trường Tiểu học', 'Trường THCS', 'Trường THPT'] as const;

export const SCHOOL_NAMES = [
  'Kim Đồng', 'Lê Quý Đôn', 'Nguyễn Trãi', 'Trần Hưng Đạo', 'Lý Thường Kiệt', 'Võ Thị Sáu', 'Hoa Sen',
  'Hoa Mai', 'Sơn Ca', 'Họa Mi', 'Nguyễn Du', 'Chu Văn An', 'Lê Lợi', 'Quang Trung', 'Nguyễn Đình Chiểu',
  'Phan Bội Châu', 'Trương Định', 'Huỳnh Tấn Phát', 'Nguyễn Thị Minh Khai', 'Hùng Vương',
] as const;

export const PUBLIC_OFFICES = [
  'Ủy ban nhân dân', 'Trạm Y tế', 'Trung tâm Văn hóa - Thể thao', 'Đảng ủy', 'Ủy ban Mặt trận Tổ quốc',
] as const;

export const PROVINCE_AGENCIES = [
  'Sở Giáo dục và Đào tạo', 'Sở Y tế', 'Sở Tài chính', 'Sở Xây dựng', 'Sở Nông nghiệp và Môi trường',
  'Sở Nội vụ', 'Sở Tư pháp', 'Sở Công Thương', 'Sở Văn hóa, Thể thao và Du lịch', 'Sở Khoa học và Công nghệ',
  'Bệnh viện Đa khoa tỉnh', 'Bệnh viện Y dược cổ truyền', 'Trường Cao đẳng Sư phạm', 'Đài Phát thanh và Truyền hình',
  'Báo Tây Ninh', 'Thuế tỉnh', 'Kho bạc Nhà nước khu vực XVII', 'Bảo hiểm xã hội tỉnh',
] as const;

export const STATE_ENTERPRISES = [
  'Công ty TNHH MTV Cao su Tây Ninh', 'Công ty Điện lực Tây Ninh', 'Công ty CP Cấp thoát nước Tây Ninh',
  'Bưu điện tỉnh Tây Ninh', 'Viễn thông Tây Ninh', 'Công ty TNHH MTV Xổ số kiến thiết Tây Ninh',
  'Công ty CP Du lịch Núi Bà Đen', 'Công ty TNHH MTV Khai thác thủy lợi', 'Ngân hàng Nông nghiệp chi nhánh Tây Ninh',
  'Công ty CP Mía đường Tây Ninh', 'Công ty Cao su Bến Củi', 'Công ty CP Cao su Tân Biên', 'Ngân hàng Công thương chi nhánh Tây Ninh',
] as const;
